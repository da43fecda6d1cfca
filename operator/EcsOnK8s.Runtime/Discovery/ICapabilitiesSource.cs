namespace EcsOnK8s.Runtime.Discovery;

/// <summary>What the cluster serves; <see cref="ClusterCapabilitiesDiscovery"/> asks the API server.</summary>
public interface ICapabilitiesSource
{
    /// <summary>The cluster's capabilities, discovered or cached.</summary>
    Task<DiscoveredCapabilities> GetAsync(CancellationToken cancellationToken);
}
