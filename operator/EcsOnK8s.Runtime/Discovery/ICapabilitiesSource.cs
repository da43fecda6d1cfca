namespace EcsOnK8s.Runtime.Discovery;

/// <summary>What the cluster serves; <see cref="ClusterCapabilitiesDiscovery"/> asks the API server.</summary>
public interface ICapabilitiesSource
{
    /// <summary>The cluster's capabilities, discovered or cached.</summary>
    Task<DiscoveredCapabilities> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Raised after a discovery whose <see cref="DiscoveredCapabilities.Integrations"/> differ from the previous one
    /// (a CRD installed or removed), so that controllers render their objects again. Sources that never discover
    /// again never raise it.
    /// </summary>
    event Action<DiscoveredCapabilities>? IntegrationsChanged
    {
        add { }
        remove { }
    }
}
