using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An Amazon EBS volume created for a task started by RunTask.</summary>
public sealed class TaskManagedEbsVolumeConfiguration
{
    public bool? Encrypted { get; set; }

    public string? KmsKeyId { get; set; }

    /// <summary>EBS volume type (gp3, gp2, io1, io2, st1, sc1, standard).</summary>
    public string? VolumeType { get; set; }

    /// <summary>Size in GiB; the PVC's storage request.</summary>
    public int? SizeInGiB { get; set; }

    public string? SnapshotId { get; set; }

    /// <summary>MiB/s at which a volume created from a snapshot is initialised.</summary>
    public int? VolumeInitializationRate { get; set; }

    public int? Iops { get; set; }

    public int? Throughput { get; set; }

    public List<EbsTagSpecification>? TagSpecifications { get; set; }

    /// <summary>The infrastructure role ECS uses to manage the volume.</summary>
    public string? RoleArn { get; set; }

    /// <summary>Whether the volume is deleted when the task stops.</summary>
    public TaskManagedEbsVolumeTerminationPolicy? TerminationPolicy { get; set; }

    [EnumValues("ext3", "ext4", "xfs", "ntfs")]
    public string? FilesystemType { get; set; }
}
