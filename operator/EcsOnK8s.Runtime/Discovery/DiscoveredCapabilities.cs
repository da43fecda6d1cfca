namespace EcsOnK8s.Runtime.Discovery;

/// <summary>
/// What the API server serves, as far as rendering cares. Versions are apiVersions (<c>group/version</c>), null
/// when the server serves none. Controllers map this to the translation's ClusterCapabilities, which also holds
/// what each version brings that discovery cannot see (native sidecars, CronJob time zones).
/// </summary>
public sealed record DiscoveredCapabilities
{
    /// <summary>Server version, e.g. <c>v1.20.15</c>.</summary>
    public required string GitVersion { get; init; }

    public required int Major { get; init; }

    /// <summary>Minor version (a trailing <c>+</c> as in <c>20+</c> dropped).</summary>
    public required int Minor { get; init; }

    /// <summary><c>autoscaling/v2</c>, else <c>autoscaling/v2beta2</c>, else null.</summary>
    public string? HorizontalPodAutoscalerApiVersion { get; init; }

    /// <summary><c>batch/v1</c> when it serves cronjobs (1.21+), else <c>batch/v1beta1</c>, else null.</summary>
    public string? CronJobApiVersion { get; init; }

    /// <summary><c>policy/v1</c> when it serves poddisruptionbudgets (1.21+), else <c>policy/v1beta1</c>, else null.</summary>
    public string? PodDisruptionBudgetApiVersion { get; init; }

    /// <summary>External Secrets' ExternalSecret: <c>external-secrets.io/v1</c>, else <c>v1beta1</c>; null when not installed.</summary>
    public string? ExternalSecretApiVersion { get; init; }

    /// <summary>External Secrets' CRDs are installed (group external-secrets.io serves externalsecrets).</summary>
    public bool ExternalSecretsInstalled => ExternalSecretApiVersion is not null;

    /// <summary>KEDA: <c>keda.sh/v1alpha1</c> when it serves both scaledobjects and triggerauthentications, else null.</summary>
    public string? KedaApiVersion { get; init; }

    /// <summary>The AWS Load Balancer Controller's TargetGroupBinding: <c>elbv2.k8s.aws/v1beta1</c>, else null.</summary>
    public string? TargetGroupBindingApiVersion { get; init; }

    /// <summary>Gateway API's HTTPRoute: <c>gateway.networking.k8s.io/v1</c>, else <c>v1beta1</c>, else null.</summary>
    public string? HttpRouteApiVersion { get; init; }

    /// <summary>
    /// The versions of the foreign controllers' kinds (and the PDB's): when these differ between two discoveries,
    /// what the workloads render differs, and they are rendered again.
    /// </summary>
    public (string? Keda, string? TargetGroupBinding, string? HttpRoute, string? ExternalSecret, string? Pdb) Integrations =>
        (KedaApiVersion, TargetGroupBindingApiVersion, HttpRouteApiVersion, ExternalSecretApiVersion, PodDisruptionBudgetApiVersion);

    /// <summary>Every served <c>group/version</c>.</summary>
    public IReadOnlySet<string> ApiVersions { get; init; } = new HashSet<string>();
}
