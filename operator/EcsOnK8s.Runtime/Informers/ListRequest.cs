namespace EcsOnK8s.Runtime.Informers;

/// <summary>One page of a LIST.</summary>
/// <param name="Namespace">Namespace to list in; null for all namespaces (or a cluster-scoped resource).</param>
/// <param name="LabelSelector">Optional label selector.</param>
/// <param name="Limit">Page size; 0 for no paging.</param>
/// <param name="Continue">Continue token of the previous page.</param>
public sealed record ListRequest(string? Namespace, string? LabelSelector, int Limit, string? Continue);
