using System.Text.RegularExpressions;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Units;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// Task volumes. Host paths become hostPath (policy allowHostPath); a volume with no source is an emptyDir; docker
/// volumes of scope task are emptyDirs and of scope shared ReadWriteMany PVCs; EFS becomes a ReadWriteMany PVC, or
/// a static EFS CSI PV plus PVC when the cluster enables it. Shared volumes are named after what they share (the
/// docker volume name, the EFS file system), so two services mounting the same EFS see the same data, as in ECS.
/// </summary>
internal static partial class VolumeMapper
{
    private const string DefaultSharedSize = "5Gi";
    private const string EfsDriver = "efs.csi.aws.com";

    public static void Map(PodBuildState build)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (build.Spec.Volumes?.Count ?? 0); i++)
        {
            var ecsVolume = build.Spec.Volumes![i];
            var path = $"{build.Root}volumes[{i}]";
            if (ecsVolume is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(ecsVolume.Name))
            {
                build.ReportAll(ecsVolume, path, Disposition.Rejected, "a volume needs a name");
                continue;
            }

            if (!seen.Add(ecsVolume.Name))
            {
                build.ReportAll(ecsVolume, path, Disposition.Rejected, $"volume name '{ecsVolume.Name}' is used twice");
                continue;
            }

            var podName = build.VolumeNames.Allocate(KubeNames.Sanitize(ecsVolume.Name, fallback: "volume"));
            build.Report.Add(
                path + ".name",
                podName == ecsVolume.Name ? Disposition.Mapped : Disposition.Approximated,
                podName == ecsVolume.Name ? "pod volume name" : $"pod volume {podName} (sanitised to a DNS-1123 label)");

            var sources = new (object? Value, string Field)[]
            {
                (ecsVolume.Host, "host"),
                (ecsVolume.DockerVolumeConfiguration, "dockerVolumeConfiguration"),
                (ecsVolume.EfsVolumeConfiguration, "efsVolumeConfiguration"),
                (ecsVolume.FsxWindowsFileServerVolumeConfiguration, "fsxWindowsFileServerVolumeConfiguration"),
                (ecsVolume.S3filesVolumeConfiguration, "s3filesVolumeConfiguration"),
            }.Where(x => x.Value is not null).ToList();
            if (sources.Count > 1)
            {
                // ECS refuses such a volume; say so for every field of every source.
                foreach (var (value, field) in sources)
                {
                    build.ReportAll(value, $"{path}.{field}", Disposition.Rejected, "a volume takes only one of host, dockerVolumeConfiguration, efsVolumeConfiguration, fsxWindowsFileServerVolumeConfiguration and s3filesVolumeConfiguration");
                }
            }

            string? subPath = null;
            V1Volume volume;
            if (sources.Count > 1)
            {
                volume = new V1Volume { Name = podName, EmptyDir = new V1EmptyDirVolumeSource() };
            }
            else if (ecsVolume.S3filesVolumeConfiguration is { } s3)
            {
                build.ReportAll(s3, path + ".s3filesVolumeConfiguration", Disposition.Rejected, "Amazon S3 Files volumes have no Kubernetes counterpart EcsOnK8s can render (the Mountpoint for Amazon S3 CSI driver serves buckets, not S3 Files file systems)");
                volume = new V1Volume { Name = podName, EmptyDir = new V1EmptyDirVolumeSource() };
            }
            else if (ecsVolume.EfsVolumeConfiguration is { } efs)
            {
                volume = Efs(build, path + ".efsVolumeConfiguration", podName, efs, out subPath);
            }
            else if (ecsVolume.DockerVolumeConfiguration is { } docker)
            {
                volume = Docker(build, path + ".dockerVolumeConfiguration", podName, ecsVolume.Name, docker);
            }
            else if (ecsVolume.FsxWindowsFileServerVolumeConfiguration is { } fsx)
            {
                const string why = "FSx for Windows File Server (SMB) needs Windows nodes and the SMB CSI driver with credentials EcsOnK8s cannot mint; not supported";
                build.ReportAll(fsx, path + ".fsxWindowsFileServerVolumeConfiguration", Disposition.Rejected, why);
                volume = new V1Volume { Name = podName, EmptyDir = new V1EmptyDirVolumeSource() };
            }
            else if (ecsVolume.Host?.SourcePath is { Length: > 0 } sourcePath)
            {
                if (build.Policy.AllowHostPath != true)
                {
                    build.Refuse(path + ".host.sourcePath", "hostPath volumes", "allowHostPath");
                }
                else
                {
                    build.Report.Mapped(path + ".host.sourcePath", "hostPath volume (the node's path, not the EC2 instance's)");
                }

                volume = new V1Volume { Name = podName, HostPath = new V1HostPathVolumeSource { Path = sourcePath } };
            }
            else
            {
                if (ecsVolume.Host is not null)
                {
                    build.Report.Mapped(path + ".host", "no source path: an emptyDir for the task's life");
                    if (ecsVolume.Host.SourcePath is not null)
                    {
                        build.Report.Mapped(path + ".host.sourcePath", "empty: an emptyDir for the task's life");
                    }
                }

                volume = new V1Volume { Name = podName, EmptyDir = new V1EmptyDirVolumeSource() };
            }

            if (ecsVolume.ConfiguredAtLaunch == true)
            {
                build.LaunchVolumes[ecsVolume.Name] = podName;
                volume = new V1Volume { Name = podName, EmptyDir = new V1EmptyDirVolumeSource() };
                build.Report.Mapped(path + ".configuredAtLaunch", "the workload supplies this volume at launch (service volumeConfigurations); an emptyDir placeholder until then");
            }
            else if (ecsVolume.ConfiguredAtLaunch is not null)
            {
                build.Report.Mapped(path + ".configuredAtLaunch", "configured in the task definition");
            }

            build.Volumes.Add(volume);
            build.VolumeTargets[ecsVolume.Name] = new VolumeTarget(podName, subPath);
        }
    }

    private static V1Volume Docker(PodBuildState build, string path, string podName, string ecsName, DockerVolumeConfiguration configuration)
    {
        var shared = configuration.Scope == "shared";
        if (configuration.Scope is not null)
        {
            if (configuration.Scope is not ("task" or "shared"))
            {
                build.Report.Rejected(path + ".scope", $"unknown docker volume scope '{configuration.Scope}'");
            }
            else
            {
                build.Report.Mapped(path + ".scope", shared ? "a ReadWriteMany PersistentVolumeClaim shared by every task" : "an emptyDir for the task's life");
            }
        }

        build.Report.AddIfSet(configuration.Autoprovision, path, ".autoprovision", Disposition.Mapped, shared ? "the PVC is rendered with the workload" : "emptyDirs always exist");
        build.Report.AddIfSet(configuration.Driver, path, ".driver", Disposition.Approximated, shared ? "Docker volume drivers have no CSI counterpart; the PVC uses the cluster's storage class" : "Docker volume drivers have no counterpart; an emptyDir is used");
        build.Report.AddIfSet(configuration.DriverOpts, path, ".driverOpts", Disposition.Approximated, "Docker driver options do not map onto storage class parameters; dropped");
        build.Report.AddIfSet(configuration.Labels, path, ".labels", Disposition.Approximated, shared ? "Docker volume labels become PVC labels (sanitised)" : "Docker volume labels have nowhere to go on an emptyDir; dropped");

        if (!shared)
        {
            return new V1Volume { Name = podName, EmptyDir = new V1EmptyDirVolumeSource() };
        }

        var claimName = DockerClaimName(ecsName);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (configuration.Labels ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var k = KubeNames.IsQualifiedName(key) ? key : KubeNames.KeyName(key);
            labels.TryAdd(k, KubeNames.LabelValue(value));
        }

        build.Report.Origin("PersistentVolumeClaim", claimName, path);
        build.AddCompanion(Claim(build, claimName, volumeName: null, storageClass: build.Context.Cluster.Storage?.StorageClassName, labels));
        return new V1Volume { Name = podName, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claimName } };
    }

    private static V1Volume Efs(PodBuildState build, string path, string podName, EfsVolumeConfiguration efs, out string? subPath)
    {
        subPath = null;
        var report = build.Report;
        var staticBinding = build.Context.Cluster.Storage?.EfsCsiStaticBinding == true;
        var fileSystemId = efs.FileSystemId;
        if (string.IsNullOrEmpty(fileSystemId))
        {
            report.Rejected(path + ".fileSystemId", "an EFS volume needs a file system id");
            fileSystemId = "fs-unknown";
        }
        else if (!FileSystemId().IsMatch(fileSystemId))
        {
            // Claims are named after the id: an id in another spelling (FS-..., fs-.../..) must not reach the claim of
            // the file system it resembles.
            report.Rejected(path + ".fileSystemId", $"'{fileSystemId}' is not an EFS file system id (fs- and 8 or 17 lowercase hexadecimal digits)");
            fileSystemId = "fs-unknown";
        }

        var root = RootDirectory(efs.RootDirectory, path + ".rootDirectory", report);
        var accessPoint = efs.AuthorizationConfig?.AccessPointId;
        if (accessPoint is { Length: > 0 } && !AccessPointId().IsMatch(accessPoint))
        {
            // The access point is a field of the CSI volumeHandle (fs:path:accessPoint): a ':' would forge the handle.
            report.Rejected(path + ".authorizationConfig.accessPointId", $"'{accessPoint}' is not an EFS access point id (fsap- and 8 to 40 lowercase hexadecimal digits)");
            accessPoint = null;
        }

        var encrypt = efs.TransitEncryption == "ENABLED" || accessPoint is { Length: > 0 };
        if (accessPoint is { Length: > 0 } && root is not null)
        {
            report.Rejected(path + ".rootDirectory", "ECS requires the root directory to be omitted (or /) when an access point is used");
        }

        if (staticBinding)
        {
            // The EFS CSI driver's volumeHandle is [FileSystemId]:[Subpath]:[AccessPointId].
            var handle = fileSystemId + (root is null && accessPoint is null ? string.Empty : ":" + (root ?? string.Empty) + (accessPoint is { Length: > 0 } ? ":" + accessPoint : string.Empty));
            var claimName = KubeNames.Join("efs", fileSystemId, KubeNames.Hash(handle + "|" + encrypt));
            var pvName = KubeNames.SanitizeSubdomain(build.Context.Namespace + "-" + claimName);
            report.Mapped(path + ".fileSystemId", $"static PersistentVolume {pvName} (EFS CSI volumeHandle {handle}) bound to PVC {claimName}");
            report.AddIfSet(efs.RootDirectory, path, ".rootDirectory", Disposition.Mapped, "the volumeHandle's path");
            report.AddIfSet(accessPoint, path, ".authorizationConfig.accessPointId", Disposition.Mapped, "the volumeHandle's access point");

            if (efs.TransitEncryption is not null)
            {
                report.Mapped(path + ".transitEncryption", $"volumeAttributes.encryptInTransit={(encrypt ? "true" : "false")}");
            }

            report.AddIfSet(efs.AuthorizationConfig?.Iam, path, ".authorizationConfig.iam", Disposition.Approximated, "IAM authorization is the EFS CSI driver's (its node role or the pod's IRSA role), not the task role's");

            var retain = build.Context.Cluster.Storage?.RetentionPolicy == "Delete" ? "Delete" : "Retain";
            build.AddCompanion(new V1PersistentVolume
            {
                ApiVersion = "v1",
                Kind = "PersistentVolume",
                Metadata = new V1ObjectMeta { Name = pvName },
                Spec = new V1PersistentVolumeSpec
                {
                    Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = Quantities.Parse(SharedSize(build)) },
                    AccessModes = ["ReadWriteMany"],
                    PersistentVolumeReclaimPolicy = retain,
                    StorageClassName = string.Empty,
                    VolumeMode = "Filesystem",
                    Csi = new V1CSIPersistentVolumeSource
                    {
                        Driver = EfsDriver,
                        VolumeHandle = handle,
                        VolumeAttributes = new Dictionary<string, string> { ["encryptInTransit"] = encrypt ? "true" : "false" },
                    },
                },
            });
            build.Report.Origin("PersistentVolumeClaim", claimName, path + ".fileSystemId");
            build.AddCompanion(Claim(build, claimName, volumeName: pvName, storageClass: string.Empty, labels: null));
            report.AddIfSet(efs.TransitEncryptionPort, path, ".transitEncryptionPort", Disposition.Ignored, "the EFS CSI driver's mount helper picks the TLS tunnel port");

            return new V1Volume { Name = podName, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claimName } };
        }

        var claim = KubeNames.Join("efs", fileSystemId);
        var storageClass = build.Context.Cluster.Storage?.StorageClassName;
        report.Approximated(
            path + ".fileSystemId",
            $"ReadWriteMany PVC {claim} from storage class {storageClass ?? "(the cluster default)"}: a volume the class provisions, not file system {fileSystemId} itself (enable spec.storage.efsCsiStaticBinding to bind it)");
        if (efs.RootDirectory is not null)
        {
            subPath = root?.TrimStart('/');
            report.Mapped(path + ".rootDirectory", subPath is null ? "the volume root" : $"subPath {subPath} on every mount");
        }

        report.AddIfSet(accessPoint, path, ".authorizationConfig.accessPointId", Disposition.Approximated, "access points (enforced POSIX user and root) need static EFS CSI binding; not applied");
        report.AddIfSet(efs.AuthorizationConfig?.Iam, path, ".authorizationConfig.iam", Disposition.Approximated, "IAM authorization depends on the storage class's driver; not applied");
        report.AddIfSet(efs.TransitEncryption, path, ".transitEncryption", Disposition.Approximated, "encryption in transit is the storage class's business");
        report.AddIfSet(efs.TransitEncryptionPort, path, ".transitEncryptionPort", Disposition.Ignored, "the storage driver picks its ports");

        build.Report.Origin("PersistentVolumeClaim", claim, path + ".fileSystemId");
        build.AddCompanion(Claim(build, claim, volumeName: null, storageClass: storageClass, labels: null));
        return new V1Volume { Name = podName, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } };
    }

    /// <summary>
    /// The claim of a shared docker volume: <c>docker-</c> and the volume name when that is a DNS label already;
    /// otherwise the sanitised name and a hash of the original. Docker volume names are case-sensitive and take
    /// '_' and '.', so "Data", "data_" and "data" are three volumes and must not meet in one claim.
    /// </summary>
    internal static string DockerClaimName(string ecsName)
    {
        var joined = KubeNames.Join("docker", ecsName);
        return joined == "docker-" + ecsName ? joined : KubeNames.Join("docker", ecsName, KubeNames.Hash(ecsName));
    }

    /// <summary>
    /// The EFS root directory as an absolute path without empty segments, or null for the file system's root. A
    /// '.' or '..' segment (which could climb out of the directory another workload's claim stands for), a ':'
    /// (the CSI volumeHandle's separator) and control characters are refused.
    /// </summary>
    private static string? RootDirectory(string? rootDirectory, string path, Report.TranslationReport report)
    {
        if (string.IsNullOrEmpty(rootDirectory))
        {
            return null;
        }

        var segments = rootDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(x => x is "." or "..") || rootDirectory.Contains(':', StringComparison.Ordinal) || rootDirectory.Any(char.IsControl))
        {
            report.Rejected(path, $"'{rootDirectory}' is not a plain directory path: '.' and '..' segments, ':' and control characters are refused");
            return null;
        }

        return segments.Length == 0 ? null : "/" + string.Join('/', segments);
    }

    private static V1PersistentVolumeClaim Claim(PodBuildState build, string name, string? volumeName, string? storageClass, IDictionary<string, string>? labels) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = build.Context.Namespace,
            Labels = labels is { Count: > 0 } ? new Dictionary<string, string>(labels) : null,
        },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            StorageClassName = storageClass,
            VolumeName = volumeName,
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = Quantities.Parse(SharedSize(build)) },
            },
        },
    };

    private static string SharedSize(PodBuildState build)
    {
        var size = build.Context.Cluster.Storage?.SharedVolumeSize;
        return Quantities.IsValid(size) ? size! : DefaultSharedSize;
    }

    [GeneratedRegex(@"^fs-([0-9a-f]{8}|[0-9a-f]{17})\z")]
    private static partial Regex FileSystemId();

    [GeneratedRegex(@"^fsap-[0-9a-f]{8,40}\z")]
    private static partial Regex AccessPointId();
}
