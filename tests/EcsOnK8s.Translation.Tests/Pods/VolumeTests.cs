using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using Xunit;
using k8s.Models;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class VolumeTests
{
    private static EcsTaskDefinitionSpec WithVolume(Volume volume)
    {
        var c = Container();
        c.MountPoints = [new MountPoint { SourceVolume = volume.Name, ContainerPath = "/mnt/data" }];
        var spec = Spec(c);
        spec.Volumes = [volume];
        return spec;
    }

    [Fact]
    public void Build_DockerTaskScope_EmptyDir()
    {
        var (result, _) = Build(WithVolume(new Volume { Name = "cache", DockerVolumeConfiguration = new DockerVolumeConfiguration { Scope = "task" } }));
        Assert.NotNull(result.Template.Spec.Volumes.Single().EmptyDir);
        Assert.Empty(result.Companions);
    }

    [Fact]
    public void Build_DockerSharedScope_RwxClaim()
    {
        var volume = new Volume
        {
            Name = "Shared_Data",
            DockerVolumeConfiguration = new DockerVolumeConfiguration { Scope = "shared", Autoprovision = true, Driver = "local", Labels = new() { ["tier"] = "gold" } },
        };
        var cluster = new EcsClusterSpec { Storage = new ClusterStorage { StorageClassName = "nfs", SharedVolumeSize = "20Gi" } };
        var (result, report) = Build(WithVolume(volume), cluster);
        var claim = result.Companions.OfType<V1PersistentVolumeClaim>().Single();
        Assert.Equal("docker-shared-data-" + KubeNames.Hash("Shared_Data"), claim.Metadata.Name);
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        Assert.Equal("nfs", claim.Spec.StorageClassName);
        Assert.Equal("20Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("gold", claim.Metadata.Labels["tier"]);
        var podVolume = result.Template.Spec.Volumes.Single();
        Assert.Equal("shared-data", podVolume.Name);
        Assert.Equal(claim.Metadata.Name, podVolume.PersistentVolumeClaim.ClaimName);
        Assert.Equal("shared-data", result.Ctr("app").VolumeMounts.Single().Name);
        Assert.Equal(Disposition.Approximated, report.Entry("volumes[0].dockerVolumeConfiguration.driver").Disposition);
    }

    [Fact]
    public void Build_EfsDynamic_ClaimWithRootDirectoryAsSubPath()
    {
        var volume = new Volume
        {
            Name = "efs",
            EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = "fs-12345678", RootDirectory = "/exports/app", TransitEncryption = "ENABLED" },
        };
        var (result, report) = Build(WithVolume(volume));
        var claim = result.Companions.OfType<V1PersistentVolumeClaim>().Single();
        Assert.Equal("efs-fs-12345678", claim.Metadata.Name);
        Assert.Equal("5Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Null(claim.Spec.StorageClassName);
        Assert.Equal("exports/app", result.Ctr("app").VolumeMounts.Single().SubPath);
        Assert.Equal(Disposition.Approximated, report.Entry("volumes[0].efsVolumeConfiguration.fileSystemId").Disposition);
    }

    [Fact]
    public void Build_EfsStatic_PersistentVolumeWithVolumeHandle()
    {
        var volume = new Volume
        {
            Name = "efs",
            EfsVolumeConfiguration = new EfsVolumeConfiguration
            {
                FileSystemId = "fs-12345678",
                TransitEncryption = "ENABLED",
                AuthorizationConfig = new EfsAuthorizationConfig { AccessPointId = "fsap-0123456789abcdef0", Iam = "ENABLED" },
            },
        };
        var cluster = new EcsClusterSpec { Storage = new ClusterStorage { EfsCsiStaticBinding = true } };
        var (result, report) = Build(WithVolume(volume), cluster);
        var pv = result.Companions.OfType<V1PersistentVolume>().Single();
        var claim = result.Companions.OfType<V1PersistentVolumeClaim>().Single();
        Assert.Equal("efs.csi.aws.com", pv.Spec.Csi.Driver);
        Assert.Equal("fs-12345678::fsap-0123456789abcdef0", pv.Spec.Csi.VolumeHandle);
        Assert.Equal("true", pv.Spec.Csi.VolumeAttributes["encryptInTransit"]);
        Assert.Equal("Retain", pv.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal(pv.Metadata.Name, claim.Spec.VolumeName);
        Assert.Equal(string.Empty, claim.Spec.StorageClassName);
        Assert.StartsWith("team-a-", pv.Metadata.Name, StringComparison.Ordinal);
        Assert.Null(result.Ctr("app").VolumeMounts.Single().SubPath);
        Assert.Equal(Disposition.Mapped, report.Entry("volumes[0].efsVolumeConfiguration.authorizationConfig.accessPointId").Disposition);
    }

    [Fact]
    public void Build_EfsStaticWithPath_HandleHasPath()
    {
        var volume = new Volume { Name = "efs", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = "fs-0123abcd", RootDirectory = "/data" } };
        var cluster = new EcsClusterSpec { Storage = new ClusterStorage { EfsCsiStaticBinding = true, RetentionPolicy = "Delete" } };
        var (result, _) = Build(WithVolume(volume), cluster);
        var pv = result.Companions.OfType<V1PersistentVolume>().Single();
        Assert.Equal("fs-0123abcd:/data", pv.Spec.Csi.VolumeHandle);
        Assert.Equal("false", pv.Spec.Csi.VolumeAttributes["encryptInTransit"]);
        Assert.Equal("Delete", pv.Spec.PersistentVolumeReclaimPolicy);
    }

    [Fact]
    public void Build_FsxWindows_Rejected()
    {
        var volume = new Volume { Name = "smb", FsxWindowsFileServerVolumeConfiguration = new FsxWindowsFileServerVolumeConfiguration { FileSystemId = "fs-1", RootDirectory = "share" } };
        var (_, report) = Build(WithVolume(volume));
        Assert.Equal(Disposition.Rejected, report.Entry("volumes[0].fsxWindowsFileServerVolumeConfiguration").Disposition);
    }

    [Fact]
    public void Build_ConfiguredAtLaunch_PlaceholderNamedInResult()
    {
        var (result, report) = Build(WithVolume(new Volume { Name = "ebs_data", ConfiguredAtLaunch = true }));
        Assert.Equal("ebs-data", result.LaunchVolumes["ebs_data"]);
        Assert.NotNull(result.Template.Spec.Volumes.Single(v => v.Name == "ebs-data").EmptyDir);
        Assert.Equal("ebs-data", result.Ctr("app").VolumeMounts.Single().Name);
        Assert.Equal(Disposition.Mapped, report.Entry("volumes[0].configuredAtLaunch").Disposition);
    }

    [Fact]
    public void Build_EmptyHost_EmptyDir()
    {
        var (result, report) = Build(WithVolume(new Volume { Name = "tmp", Host = new HostVolumeProperties() }));
        Assert.NotNull(result.Template.Spec.Volumes.Single().EmptyDir);
        Assert.False(report.HasRejections);
    }
}
