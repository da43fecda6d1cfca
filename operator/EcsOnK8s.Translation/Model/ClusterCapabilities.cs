namespace EcsOnK8s.Translation.Model;

/// <summary>
/// What the target cluster serves, discovered by the operator (or chosen on the CLI). An input of rendering, so
/// old and new clusters are both covered by pure tests.
/// </summary>
public sealed record ClusterCapabilities
{
    /// <summary>Server minor version, e.g. 20 for 1.20.</summary>
    public int KubernetesMinor { get; init; } = 30;

    /// <summary>autoscaling/v2 (1.23+) or autoscaling/v2beta2.</summary>
    public string HpaApiVersion { get; init; } = "autoscaling/v2";

    /// <summary>batch/v1 (1.21+) or batch/v1beta1.</summary>
    public string CronJobApiVersion { get; init; } = "batch/v1";

    /// <summary>policy/v1 (1.21+) or policy/v1beta1.</summary>
    public string PdbApiVersion { get; init; } = "policy/v1";

    /// <summary>Init containers with restartPolicy Always (native sidecars, 1.29+ by default).</summary>
    public bool NativeSidecars { get; init; } = true;

    /// <summary>CronJob spec.timeZone (1.27+).</summary>
    public bool CronJobTimeZone { get; init; } = true;

    /// <summary>External Secrets Operator's CRDs (external-secrets.io/v1beta1 ExternalSecret) are installed.</summary>
    public bool ExternalSecrets { get; init; }

    /// <summary>Kubernetes 1.20, the oldest supported version (what the local control plane runs).</summary>
    public static ClusterCapabilities Kubernetes120 { get; } = new()
    {
        KubernetesMinor = 20,
        HpaApiVersion = "autoscaling/v2beta2",
        CronJobApiVersion = "batch/v1beta1",
        PdbApiVersion = "policy/v1beta1",
        NativeSidecars = false,
        CronJobTimeZone = false,
    };

    /// <summary>Kubernetes 1.30.</summary>
    public static ClusterCapabilities Kubernetes130 { get; } = new();
}
