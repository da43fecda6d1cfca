using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceManagedEbsVolumeConfiguration
{
    public bool? Encrypted { get; set; }

    public string? KmsKeyId { get; set; }

    public string? VolumeType { get; set; }

    public int? SizeInGiB { get; set; }

    public string? SnapshotId { get; set; }

    public int? VolumeInitializationRate { get; set; }

    public int? Iops { get; set; }

    public int? Throughput { get; set; }

    public List<EbsTagSpecification>? TagSpecifications { get; set; }

    public string? RoleArn { get; set; }

    [EnumValues("ext3", "ext4", "xfs", "ntfs")]
    public string? FilesystemType { get; set; }
}
