using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterSecrets
{
    /// <summary>KubernetesSecret (default): secretKeyRef to Secrets you create. ExternalSecrets: ExternalSecret objects.</summary>
    [EnumValues("KubernetesSecret", "ExternalSecrets")]
    public string? Provider { get; set; }

    /// <summary>The External Secrets Operator store that resolves the secrets task definitions reference.</summary>
    public SecretStoreReference? StoreRef { get; set; }

    /// <summary>ExternalSecret refresh interval, e.g. 1h.</summary>
    public string? RefreshInterval { get; set; }
}
