using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// The tasks of a workload that run on one capacity provider. <see cref="Name"/> is null for default scheduling
/// (no provider); <see cref="Provider"/> is null when the name is an AWS provider the cluster does not declare.
/// </summary>
public sealed record ProviderShare(string? Name, CapacityProvider? Provider, int Count);
