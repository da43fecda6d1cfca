namespace EcsOnK8s.Translation.Model;

/// <summary>
/// What the target cluster serves, discovered by the operator (or chosen on the CLI). An input of rendering, so
/// old and new clusters are both covered by pure tests.
/// </summary>
public sealed record ClusterCapabilities
{
    /// <summary>Server minor version, e.g. 20 for 1.20.</summary>
    public required int KubernetesMinor { get; init; }

    /// <summary>autoscaling/v2 (1.23+) or autoscaling/v2beta2.</summary>
    public required string HpaApiVersion { get; init; }

    /// <summary>batch/v1 (1.21+) or batch/v1beta1.</summary>
    public required string CronJobApiVersion { get; init; }

    /// <summary>policy/v1 (1.21+) or policy/v1beta1.</summary>
    public required string PdbApiVersion { get; init; }

    /// <summary>Init containers with restartPolicy Always (native sidecars, 1.29+ by default).</summary>
    public required bool NativeSidecars { get; init; }

    /// <summary>CronJob spec.timeZone (1.27+).</summary>
    public required bool CronJobTimeZone { get; init; }

    /// <summary>KEDA's ScaledObject apiVersion (keda.sh/v1alpha1) when KEDA is installed, else null.</summary>
    public string? KedaApiVersion { get; init; }

    /// <summary>AWS Load Balancer Controller's TargetGroupBinding apiVersion (elbv2.k8s.aws/v1beta1) when installed, else null.</summary>
    public string? TargetGroupBindingApiVersion { get; init; }

    /// <summary>Gateway API's HTTPRoute apiVersion (gateway.networking.k8s.io/v1, else v1beta1) when installed, else null.</summary>
    public string? HttpRouteApiVersion { get; init; }

    /// <summary>External Secrets' ExternalSecret apiVersion (external-secrets.io/v1, else v1beta1) when installed, else null.</summary>
    public string? ExternalSecretApiVersion { get; init; }

    /// <summary>External Secrets is installed.</summary>
    public bool ExternalSecrets => ExternalSecretApiVersion is not null;

    /// <summary>Kubernetes 1.20, the oldest supported version (what the local control plane runs).</summary>
    public static ClusterCapabilities Kubernetes120 { get; } = ForVersion(20);

    /// <summary>Kubernetes 1.30.</summary>
    public static ClusterCapabilities Kubernetes130 { get; } = ForVersion(30);

    /// <summary>
    /// What Kubernetes 1.<paramref name="minor"/> serves: the one table of which version brought which API or field
    /// (the CLI's --kubernetes-version and the operator's discovery both start from it). External Secrets is not a
    /// matter of version: false.
    /// </summary>
    public static ClusterCapabilities ForVersion(int minor) => new()
    {
        KubernetesMinor = minor,
        HpaApiVersion = minor >= 23 ? "autoscaling/v2" : "autoscaling/v2beta2",
        CronJobApiVersion = minor >= 21 ? "batch/v1" : "batch/v1beta1",
        PdbApiVersion = minor >= 21 ? "policy/v1" : "policy/v1beta1",
        NativeSidecars = minor >= 29,
        CronJobTimeZone = minor >= 27,
    };
}
