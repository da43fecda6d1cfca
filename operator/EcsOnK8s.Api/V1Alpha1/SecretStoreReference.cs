using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SecretStoreReference
{
    /// <summary>The name of the External Secrets Operator store.</summary>
    public string? Name { get; set; }

    /// <summary>SecretStore (in the namespace) or ClusterSecretStore.</summary>
    [EnumValues("SecretStore", "ClusterSecretStore")]
    public string? Kind { get; set; }
}
