using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EfsVolumeConfiguration
{
    public string? FileSystemId { get; set; }

    public string? RootDirectory { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? TransitEncryption { get; set; }

    [SchemaRange(0, 65535)]
    public int? TransitEncryptionPort { get; set; }

    public EfsAuthorizationConfig? AuthorizationConfig { get; set; }
}
