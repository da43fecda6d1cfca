using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SecretStoreReference
{
    public string? Name { get; set; }

    [EnumValues("SecretStore", "ClusterSecretStore")]
    public string? Kind { get; set; }
}
