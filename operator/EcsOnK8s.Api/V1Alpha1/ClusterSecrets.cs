using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterSecrets
{
    /// <summary>KubernetesSecret (default): secretKeyRef to Secrets you create. ExternalSecrets: ExternalSecret objects.</summary>
    [EnumValues("KubernetesSecret", "ExternalSecrets")]
    public string? Provider { get; set; }

    /// <summary>
    /// The External Secrets Operator store that resolves the secrets task definitions reference: the default of
    /// secretsManagerStoreRef and parameterStoreStoreRef.
    /// </summary>
    public SecretStoreReference? StoreRef { get; set; }

    /// <summary>The store (AWS provider, service SecretsManager) for Secrets Manager references; storeRef when unset.</summary>
    public SecretStoreReference? SecretsManagerStoreRef { get; set; }

    /// <summary>The store (AWS provider, service ParameterStore) for SSM Parameter Store references; storeRef when unset.</summary>
    public SecretStoreReference? ParameterStoreStoreRef { get; set; }

    /// <summary>ExternalSecret refresh interval, e.g. 1h.</summary>
    public string? RefreshInterval { get; set; }
}
