using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterStorage
{
    /// <summary>ReadWriteMany storage class for EFS and shared docker volumes; the default class when empty.</summary>
    public string? StorageClassName { get; set; }

    /// <summary>Size requested for shared volumes (EFS is elastic; Kubernetes needs a number). Default 5Gi.</summary>
    public string? SharedVolumeSize { get; set; }

    /// <summary>Bind EFS volumes statically through the EFS CSI driver (fs-id[:path][::accessPointId]).</summary>
    public bool? EfsCsiStaticBinding { get; set; }

    /// <summary>Retain (default): shared volumes outlive their service. Delete: they go with it.</summary>
    [EnumValues("Retain", "Delete")]
    public string? RetentionPolicy { get; set; }
}
