using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An Amazon S3 Files file system mounted as a task volume.</summary>
public sealed class S3FilesVolumeConfiguration
{
    /// <summary>ARN of the S3 Files file system.</summary>
    public string? FileSystemArn { get; set; }

    /// <summary>Directory of the file system mounted as the volume's root; "/" by default.</summary>
    public string? RootDirectory { get; set; }

    /// <summary>Port for the encrypted traffic between the task and the file system.</summary>
    [SchemaRange(0, 65535)]
    public int? TransitEncryptionPort { get; set; }

    /// <summary>ARN of the access point to mount through.</summary>
    public string? AccessPointArn { get; set; }
}
