using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EfsVolumeConfiguration
{
    /// <summary>The EFS file system.</summary>
    public string? FileSystemId { get; set; }

    /// <summary>The directory of the file system that is mounted (default /).</summary>
    public string? RootDirectory { get; set; }

    /// <summary>Whether traffic to EFS is encrypted: ENABLED or DISABLED.</summary>
    [EnumValues("ENABLED", "DISABLED")]
    public string? TransitEncryption { get; set; }

    /// <summary>The port of the encrypted connection to EFS.</summary>
    [SchemaRange(0, 65535)]
    public int? TransitEncryptionPort { get; set; }

    /// <summary>Access point and IAM use of the mount.</summary>
    public EfsAuthorizationConfig? AuthorizationConfig { get; set; }
}
