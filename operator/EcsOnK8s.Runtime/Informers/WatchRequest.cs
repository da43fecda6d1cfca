namespace EcsOnK8s.Runtime.Informers;

/// <summary>A WATCH from a resource version, with bookmarks, closed by the server after <paramref name="Timeout"/>.</summary>
public sealed record WatchRequest(string? Namespace, string? LabelSelector, string ResourceVersion, TimeSpan Timeout);
