namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>What the cluster's tasks may do. Everything is denied by default.</summary>
public sealed class ClusterPolicy
{
    public bool? AllowPrivileged { get; set; }

    public bool? AllowHostNetwork { get; set; }

    public bool? AllowHostPID { get; set; }

    public bool? AllowHostIPC { get; set; }

    public bool? AllowHostPath { get; set; }

    /// <summary>Linux capabilities tasks may add.</summary>
    public List<string>? AllowedCapabilities { get; set; }
}
