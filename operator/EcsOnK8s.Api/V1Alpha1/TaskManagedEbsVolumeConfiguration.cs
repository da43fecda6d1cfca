using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An Amazon EBS volume created for a task started by RunTask.</summary>
public sealed class TaskManagedEbsVolumeConfiguration
{
    /// <summary>Whether the volume is encrypted.</summary>
    public bool? Encrypted { get; set; }

    /// <summary>The KMS key of the encryption.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>EBS volume type (gp3, gp2, io1, io2, st1, sc1, standard).</summary>
    public string? VolumeType { get; set; }

    /// <summary>Size in GiB; the PVC's storage request.</summary>
    public int? SizeInGiB { get; set; }

    /// <summary>The snapshot the volume is created from.</summary>
    public string? SnapshotId { get; set; }

    /// <summary>MiB/s at which a volume created from a snapshot is initialised.</summary>
    public int? VolumeInitializationRate { get; set; }

    /// <summary>Provisioned IOPS of the volume.</summary>
    public int? Iops { get; set; }

    /// <summary>Provisioned throughput of the volume in MiB/s.</summary>
    public int? Throughput { get; set; }

    /// <summary>Tags of the volume.</summary>
    public List<EbsTagSpecification>? TagSpecifications { get; set; }

    /// <summary>The infrastructure role ECS uses to manage the volume.</summary>
    public string? RoleArn { get; set; }

    /// <summary>Whether the volume is deleted when the task stops.</summary>
    public TaskManagedEbsVolumeTerminationPolicy? TerminationPolicy { get; set; }

    /// <summary>The file system: ext3, ext4, xfs or ntfs.</summary>
    [EnumValues("ext3", "ext4", "xfs", "ntfs")]
    public string? FilesystemType { get; set; }
}
