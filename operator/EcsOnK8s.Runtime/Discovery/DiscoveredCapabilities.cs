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

    /// <summary>The preferred served version of External Secrets' ExternalSecret, e.g. <c>external-secrets.io/v1beta1</c>; null when not installed.</summary>
    public string? ExternalSecretApiVersion { get; init; }

    /// <summary>External Secrets' CRDs are installed (group external-secrets.io serves externalsecrets).</summary>
    public bool ExternalSecretsInstalled => ExternalSecretApiVersion is not null;

    /// <summary>Every served <c>group/version</c>.</summary>
    public IReadOnlySet<string> ApiVersions { get; init; } = new HashSet<string>();
}
