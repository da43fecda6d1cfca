using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceManagedEbsVolumeConfiguration
{
    /// <summary>Whether the volume is encrypted.</summary>
    public bool? Encrypted { get; set; }

    /// <summary>The KMS key of the encryption.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>The EBS volume type (gp3, io2, ...).</summary>
    public string? VolumeType { get; set; }

    /// <summary>The volume's size in GiB.</summary>
    public int? SizeInGiB { get; set; }

    /// <summary>The snapshot the volume is created from.</summary>
    public string? SnapshotId { get; set; }

    /// <summary>How fast a volume from a snapshot is initialized, in MiB/s.</summary>
    public int? VolumeInitializationRate { get; set; }

    /// <summary>Provisioned IOPS of the volume.</summary>
    public int? Iops { get; set; }

    /// <summary>Provisioned throughput of the volume in MiB/s.</summary>
    public int? Throughput { get; set; }

    /// <summary>Tags of the volumes.</summary>
    public List<EbsTagSpecification>? TagSpecifications { get; set; }

    /// <summary>The IAM role ECS uses to manage the volumes.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The file system: ext3, ext4, xfs or ntfs.</summary>
    [EnumValues("ext3", "ext4", "xfs", "ntfs")]
    public string? FilesystemType { get; set; }
}
