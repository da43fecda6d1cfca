using System.Globalization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Volumes configured at launch (a task definition volume with <c>configuredAtLaunch</c> plus the service's or
/// task's <c>volumeConfigurations[].managedEBSVolume</c>): one new volume per task, deleted with the task. That is a
/// generic ephemeral volume (a ReadWriteOnce PVC per pod, from the pod's volumeClaimTemplate) on Kubernetes 1.23+,
/// and a size-limited emptyDir before (generic ephemeral volumes are off by default there). The cluster's default
/// StorageClass provisions it: EBS volume types, IOPS, throughput, encryption and KMS keys are StorageClass
/// parameters on EKS and are reported as ignored.
/// </summary>
public static class LaunchVolumes
{
    /// <summary>RunTask's volume configurations (the same EBS settings plus a termination policy).</summary>
    public static void Apply(
        V1PodSpec pod,
        EcsTaskDefinitionSpec taskDefinition,
        IReadOnlyList<TaskVolumeConfiguration>? configurations,
        ClusterCapabilities capabilities,
        string prefix,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var converted = configurations?.Select(c => new ServiceVolumeConfiguration
        {
            Name = c.Name,
            ManagedEBSVolume = c.ManagedEBSVolume is not { } e ? null : new ServiceManagedEbsVolumeConfiguration
            {
                Encrypted = e.Encrypted,
                KmsKeyId = e.KmsKeyId,
                VolumeType = e.VolumeType,
                SizeInGiB = e.SizeInGiB,
                SnapshotId = e.SnapshotId,
                VolumeInitializationRate = e.VolumeInitializationRate,
                Iops = e.Iops,
                Throughput = e.Throughput,
                TagSpecifications = e.TagSpecifications,
                RoleArn = e.RoleArn,
                FilesystemType = e.FilesystemType,
            },
        }).ToList();
        Apply(pod, taskDefinition, converted, capabilities, prefix, report);
        for (var i = 0; i < (configurations?.Count ?? 0); i++)
        {
            if (configurations![i].ManagedEBSVolume?.TerminationPolicy is { } policy)
            {
                report.Add(
                    $"{prefix}volumeConfigurations[{i}].managedEBSVolume.terminationPolicy",
                    policy.DeleteOnTermination == false ? Disposition.Approximated : Disposition.Mapped,
                    policy.DeleteOnTermination == false ? "the volume is deleted with the task anyway (it is ephemeral)" : "the volume is deleted with the task");
            }
        }
    }

    public static void Apply(
        V1PodSpec pod,
        EcsTaskDefinitionSpec taskDefinition,
        IReadOnlyList<ServiceVolumeConfiguration>? configurations,
        ClusterCapabilities capabilities,
        string prefix,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(taskDefinition);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(report);
        for (var i = 0; i < (configurations?.Count ?? 0); i++)
        {
            var config = configurations![i];
            var path = $"{prefix}volumeConfigurations[{i}]";
            var volume = taskDefinition.Volumes?.FirstOrDefault(v => v.Name == config.Name);
            if (volume is null || volume.ConfiguredAtLaunch != true)
            {
                report.Rejected(path, $"name: the task definition has no volume '{config.Name}' with configuredAtLaunch true");
                continue;
            }

            var ebs = config.ManagedEBSVolume;
            if (ebs is null)
            {
                report.Rejected(path, "managedEBSVolume is required");
                continue;
            }

            if (ebs.SizeInGiB is not > 0)
            {
                report.Rejected(path, "managedEBSVolume.sizeInGiB: a size is needed (snapshots are not restored)");
                continue;
            }

            var size = new ResourceQuantity(ebs.SizeInGiB.Value.ToString(CultureInfo.InvariantCulture) + "Gi");
            var source = new V1Volume { Name = VolumeName(pod, config.Name!) };
            if (capabilities.KubernetesMinor >= 23)
            {
                source.Ephemeral = new V1EphemeralVolumeSource
                {
                    VolumeClaimTemplate = new V1PersistentVolumeClaimTemplate
                    {
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = size } },
                        },
                    },
                };
                report.Approximated(path, "a generic ephemeral volume: one ReadWriteOnce PVC per task from the cluster's default StorageClass, deleted with the task");
            }
            else
            {
                source.EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = size };
                report.Approximated(path, "an emptyDir with sizeLimit: generic ephemeral volumes need Kubernetes 1.23+; the data lives on the node's disk");
            }

            var index = pod.Volumes?.ToList().FindIndex(v => v.Name == source.Name) ?? -1;
            if (index >= 0)
            {
                pod.Volumes![index] = source;
            }
            else
            {
                pod.Volumes ??= [];
                pod.Volumes.Add(source);
            }

            report.Mapped(path + ".name", "the task definition volume it configures");
            report.Mapped(path + ".managedEBSVolume.sizeInGiB", "the volume's size");
            report.AddIfSet(ebs.VolumeType, path, ".managedEBSVolume.volumeType", Disposition.Ignored, "an EBS volume type; the StorageClass decides the disk type");
            report.AddIfSet(ebs.Encrypted, path, ".managedEBSVolume.encrypted", Disposition.Ignored, "EBS encryption is a StorageClass parameter");
            report.AddIfSet(ebs.KmsKeyId, path, ".managedEBSVolume.kmsKeyId", Disposition.Ignored, "EBS encryption is a StorageClass parameter");
            report.AddIfSet(ebs.Iops, path, ".managedEBSVolume.iops", Disposition.Ignored, "EBS performance is a StorageClass parameter");
            report.AddIfSet(ebs.Throughput, path, ".managedEBSVolume.throughput", Disposition.Ignored, "EBS performance is a StorageClass parameter");
            report.AddIfSet(ebs.VolumeInitializationRate, path, ".managedEBSVolume.volumeInitializationRate", Disposition.Ignored, "EBS snapshot initialisation is AWS-only");
            report.AddIfSet(ebs.SnapshotId, path, ".managedEBSVolume.snapshotId", Disposition.Ignored, "the volume starts empty: snapshots are not restored");
            report.AddIfSet(ebs.TagSpecifications, path, ".managedEBSVolume.tagSpecifications", Disposition.Ignored, "EBS tags are AWS-only");
            report.AddIfSet(ebs.RoleArn, path, ".managedEBSVolume.roleArn", Disposition.Ignored, "the infrastructure role is AWS-only");
            report.AddIfSet(ebs.FilesystemType, path, ".managedEBSVolume.filesystemType", Disposition.Approximated, "the StorageClass's csi.storage.k8s.io/fstype decides the file system");
        }

    }

    private static string VolumeName(V1PodSpec pod, string ecsName)
    {
        var sanitized = KubeNames.Sanitize(ecsName);
        return pod.Volumes?.FirstOrDefault(v => v.Name == ecsName)?.Name ?? sanitized;
    }
}
