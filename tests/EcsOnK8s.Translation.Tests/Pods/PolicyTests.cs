using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class PolicyTests
{
    public static TheoryData<string, string, string> Refusals => new()
    {
        { "privileged", "containerDefinitions[0].privileged", "allowPrivileged" },
        { "hostNetwork", "networkMode", "allowHostNetwork" },
        { "hostPID", "pidMode", "allowHostPID" },
        { "hostIPC", "ipcMode", "allowHostIPC" },
        { "hostPath", "volumes[0].host.sourcePath", "allowHostPath" },
        { "capability", "containerDefinitions[0].linuxParameters.capabilities.add", "allowedCapabilities" },
        { "sysctl", "containerDefinitions[0].systemControls[0].namespace", "allowedUnsafeSysctls" },
        { "apparmor:unconfined", "containerDefinitions[0].dockerSecurityOptions[0]", "allowUnconfined" },
        { "seccomp:unconfined", "containerDefinitions[0].dockerSecurityOptions[0]", "allowUnconfined" },
        { "label:type:spc_t", "containerDefinitions[0].dockerSecurityOptions[0]", "allowUnconfined" },
        { "label:disable", "containerDefinitions[0].dockerSecurityOptions[0]", "allowUnconfined" },
        { "label:user:system_u", "containerDefinitions[0].dockerSecurityOptions[0]", "allowUnconfined" },
        { "systempaths=unconfined", "containerDefinitions[0].dockerSecurityOptions[0]", "allowUnconfined" },
        { "hostPort", "containerDefinitions[0].portMappings[0].hostPort", "allowHostPorts" },
    };

    private static EcsTaskDefinitionSpec Risky(string what)
    {
        var c = Container();
        var spec = Spec(c);
        switch (what)
        {
            case "privileged":
                c.Privileged = true;
                break;
            case "hostNetwork":
                spec.NetworkMode = "host";
                break;
            case "hostPID":
                spec.PidMode = "host";
                break;
            case "hostIPC":
                spec.IpcMode = "host";
                break;
            case "hostPath":
                spec.Volumes = [new Volume { Name = "docker", Host = new HostVolumeProperties { SourcePath = "/var/run/docker.sock" } }];
                break;
            case "sysctl":
                c.SystemControls = [new SystemControl { Namespace = "kernel.msgmax", Value = "65536" }];
                break;
            case "hostPort":
                spec.NetworkMode = "bridge";
                c.PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 8080 }];
                break;
            case var option when option.Contains(':', StringComparison.Ordinal) || option.Contains('=', StringComparison.Ordinal):
                c.DockerSecurityOptions = [option];
                break;
            default:
                c.LinuxParameters = new LinuxParameters { Capabilities = new KernelCapabilities { Add = ["SYS_ADMIN"] } };
                break;
        }

        return spec;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Build_DefaultPolicy_RefusesNamingTheSwitch(string what, string path, string policySwitch)
    {
        var (_, report) = Build(Risky(what));
        var entry = report.Entry(path);
        Assert.Equal(Disposition.Rejected, entry.Disposition);
        Assert.Contains(policySwitch, entry.Reason, StringComparison.Ordinal);
        Assert.Contains("EcsCluster default", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(RejectionKind.Policy, entry.Rejection);
    }

    [Fact]
    public void Build_InvalidInput_RejectionIsNotAPolicyRefusal()
    {
        var container = Container();
        container.Image = null;
        var (_, report) = Build(Spec(container));
        var entry = report.Entry("containerDefinitions[0].image");
        Assert.Equal(Disposition.Rejected, entry.Disposition);
        Assert.Equal(RejectionKind.Unsupported, entry.Rejection);
        Assert.All(report.Entries.Where(e => e.Disposition != Disposition.Rejected), e => Assert.Equal(RejectionKind.None, e.Rejection));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Build_PermissivePolicy_Allows(string what, string path, string policySwitch)
    {
        _ = policySwitch;
        var cluster = new EcsClusterSpec
        {
            Policy = new ClusterPolicy
            {
                AllowPrivileged = true,
                AllowHostNetwork = true,
                AllowHostPID = true,
                AllowHostIPC = true,
                AllowHostPath = true,
                AllowHostPorts = true,
                AllowUnconfined = true,
                AllowedCapabilities = ["SYS_ADMIN"],
                AllowedUnsafeSysctls = ["kernel.msg*"],
            },
        };
        var (result, report) = Build(Risky(what), cluster);
        Assert.NotEqual(Disposition.Rejected, report.Entry(path).Disposition);
        Assert.False(report.HasRejections);
        var pod = result.Template.Spec;
        switch (what)
        {
            case "privileged":
                Assert.True(pod.Containers[0].SecurityContext.Privileged);
                break;
            case "hostNetwork":
                Assert.True(pod.HostNetwork);
                break;
            case "hostPID":
                Assert.True(pod.HostPID);
                break;
            case "hostIPC":
                Assert.True(pod.HostIPC);
                break;
            case "hostPath":
                Assert.Equal("/var/run/docker.sock", pod.Volumes[0].HostPath.Path);
                break;
            case "sysctl":
                Assert.Equal("kernel.msgmax", Assert.Single(pod.SecurityContext.Sysctls).Name);
                break;
            case "hostPort":
                Assert.Equal(8080, Assert.Single(pod.Containers[0].Ports).HostPort);
                break;
            case "apparmor:unconfined":
                Assert.Equal("unconfined", result.Template.Metadata.Annotations["container.apparmor.security.beta.kubernetes.io/app"]);
                break;
            case "seccomp:unconfined":
                Assert.Equal("Unconfined", pod.Containers[0].SecurityContext.SeccompProfile.Type);
                break;
            case "label:type:spc_t" or "label:disable":
                Assert.Equal("spc_t", pod.Containers[0].SecurityContext.SeLinuxOptions.Type);
                break;
            case "label:user:system_u":
                Assert.Equal("system_u", pod.Containers[0].SecurityContext.SeLinuxOptions.User);
                break;
            case "systempaths=unconfined":
                Assert.Null(pod.Containers[0].SecurityContext?.ProcMount);
                break;
            default:
                Assert.Equal(["SYS_ADMIN"], pod.Containers[0].SecurityContext.Capabilities.Add);
                break;
        }
    }

    [Fact]
    public void Build_PrivilegedExample_MessageReadsWell()
    {
        var (_, report) = Build(Risky("privileged"));
        Assert.Equal(
            "privileged containers are refused: EcsCluster default spec.policy.allowPrivileged is false",
            report.Entry("containerDefinitions[0].privileged").Reason);
    }

    [Theory]
    [InlineData("kernel.shm_rmid_forced", 20)]
    [InlineData("net.ipv4.ip_local_port_range", 20)]
    [InlineData("net.ipv4.ip_unprivileged_port_start", 22)]
    [InlineData("net.ipv4.tcp_syncookies", 20)]
    [InlineData("net.ipv4.ping_group_range", 20)]
    [InlineData("net/ipv4/ping_group_range", 20)]
    [InlineData("net.ipv4.ip_local_reserved_ports", 27)]
    [InlineData("net.ipv4.tcp_keepalive_time", 29)]
    [InlineData("net.ipv4.tcp_fin_timeout", 30)]
    public void Build_SafeSysctl_PassesUnderTheDefaultPolicy(string name, int minor)
    {
        var c = Container();
        c.SystemControls = [new SystemControl { Namespace = name, Value = "1" }];
        var (result, report) = Build(Spec(c), capabilities: ClusterCapabilities.Kubernetes130 with { KubernetesMinor = minor });
        Assert.False(report.HasRejections, string.Join("; ", report.Rejections));
        Assert.Equal(name, Assert.Single(result.Template.Spec.SecurityContext.Sysctls).Name);
    }

    [Theory]
    [InlineData("kernel.core_pattern", 30)]
    [InlineData("kernel.msgmax", 30)]
    [InlineData("net.ipv4.ip_forward", 30)]
    [InlineData("net/ipv4/ip_forward", 30)]
    [InlineData("net.ipv4.tcp_syncookies.", 30)]
    [InlineData("net.ipv4.ip_local_reserved_ports", 26)]
    [InlineData("net.ipv4.tcp_keepalive_time", 20)]
    [InlineData("net.ipv4.ip_unprivileged_port_start", 21)]
    public void Build_UnsafeSysctl_RefusedUnlessAllowed(string name, int minor)
    {
        var c = Container();
        c.SystemControls = [new SystemControl { Namespace = name, Value = "1" }];
        var capabilities = ClusterCapabilities.Kubernetes130 with { KubernetesMinor = minor };
        var (_, report) = Build(Spec(c), capabilities: capabilities);
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].systemControls[0].namespace").Disposition);

        var allowed = new EcsClusterSpec { Policy = new ClusterPolicy { AllowedUnsafeSysctls = [name.Replace('/', '.')] } };
        var (result, allowedReport) = Build(Spec(c), allowed, capabilities);
        Assert.False(allowedReport.HasRejections, string.Join("; ", allowedReport.Rejections));
        Assert.Equal(name, Assert.Single(result.Template.Spec.SecurityContext.Sysctls).Name);
    }

    [Fact]
    public void Build_SysctlPrefixAllowance_CoversOnlyThatPrefix()
    {
        var c = Container();
        c.SystemControls =
        [
            new SystemControl { Namespace = "net.core.somaxconn", Value = "1024" },
            new SystemControl { Namespace = "net.ipv4.ip_forward", Value = "1" },
        ];
        var cluster = new EcsClusterSpec { Policy = new ClusterPolicy { AllowedUnsafeSysctls = ["net.core.*"] } };
        var (_, report) = Build(Spec(c), cluster);
        Assert.NotEqual(Disposition.Rejected, report.Entry("containerDefinitions[0].systemControls[0].namespace").Disposition);
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].systemControls[1].namespace").Disposition);
    }

    [Theory]
    [InlineData("apparmor:runtime/default")]
    [InlineData("apparmor:my-profile")]
    [InlineData("label:type:container_t")]
    [InlineData("label:level:s0:c100,c200")]
    [InlineData("no-new-privileges")]
    public void Build_ConfiningSecurityOption_PassesUnderTheDefaultPolicy(string option)
    {
        var c = Container();
        c.DockerSecurityOptions = [option];
        var (_, report) = Build(Spec(c));
        Assert.NotEqual(Disposition.Rejected, report.Entry("containerDefinitions[0].dockerSecurityOptions[0]").Disposition);
        Assert.False(report.HasRejections);
    }

    [Theory]
    [InlineData("bridge", 0, false)]
    [InlineData("awsvpc", 8080, false)]
    [InlineData("bridge", 8080, true)]
    public void Build_HostPort_RefusedOnlyWhenItBindsTheNode(string mode, int hostPort, bool refused)
    {
        var c = Container();
        c.PortMappings = [new PortMapping { ContainerPort = 80, HostPort = hostPort }];
        var spec = Spec(c);
        spec.NetworkMode = mode;
        var (result, report) = Build(spec);
        Assert.Equal(refused, report.Entry("containerDefinitions[0].portMappings[0].hostPort").Disposition == Disposition.Rejected);
        if (!refused)
        {
            Assert.Null(Assert.Single(result.Template.Spec.Containers[0].Ports).HostPort);
        }
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/default")]
    [InlineData("arn:aws:iam::123456789012:role/Default")]
    [InlineData("arn:aws:iam::123456789012:role/path/DEFAULT_")]
    public void Build_TaskRoleNamedDefault_Refused(string role)
    {
        var spec = Spec(Container());
        spec.TaskRoleArn = role;
        var (result, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry("taskRoleArn").Disposition);
        Assert.DoesNotContain(result.Companions, o => o is V1ServiceAccount);
        Assert.Null(result.Template.Spec.ServiceAccountName);
    }

    [Fact]
    public void Build_OverrideTaskRoleNamedDefault_RefusedAtTheOverride()
    {
        var spec = Spec(Container());
        spec.TaskRoleArn = "arn:aws:iam::123456789012:role/app";
        var overrides = new TaskOverride { TaskRoleArn = "arn:aws:iam::123456789012:role/default" };
        var (_, report) = Build(spec, runToCompletion: true, overrides: overrides);
        Assert.Equal(Disposition.Rejected, report.Entry("overrides.taskRoleArn").Disposition);
    }

    [Fact]
    public void Build_TaskRole_RecordsTheFieldThatNamedItsServiceAccount()
    {
        var spec = Spec(Container());
        spec.TaskRoleArn = "arn:aws:iam::123456789012:role/app";
        var (_, report) = Build(spec);
        Assert.Equal("taskRoleArn", report.OriginOf("ServiceAccount", "app"));

        var overrides = new TaskOverride { TaskRoleArn = "arn:aws:iam::123456789012:role/other" };
        var (_, overridden) = Build(spec, runToCompletion: true, overrides: overrides);
        Assert.Equal("overrides.taskRoleArn", overridden.OriginOf("ServiceAccount", "other"));
    }

    [Fact]
    public void Build_SharedClaims_RecordTheFieldThatNamedThem()
    {
        var spec = Spec(Container());
        spec.Volumes =
        [
            new Volume { Name = "cache", DockerVolumeConfiguration = new DockerVolumeConfiguration { Scope = "shared" } },
            new Volume { Name = "efs", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = "fs-0123abcd" } },
        ];
        var (_, report) = Build(spec);
        Assert.Equal("volumes[0].dockerVolumeConfiguration", report.OriginOf("PersistentVolumeClaim", "docker-cache"));
        Assert.Equal("volumes[1].efsVolumeConfiguration.fileSystemId", report.OriginOf("PersistentVolumeClaim", "efs-fs-0123abcd"));
    }

    [Theory]
    [InlineData("FS-0123ABCD", null, null, "fileSystemId")]
    [InlineData("fs-0123abcd/..", null, null, "fileSystemId")]
    [InlineData("fs-0123abcd ", null, null, "fileSystemId")]
    [InlineData("fs-0123abcd\n", null, null, "fileSystemId")]
    [InlineData("fs-0123abc", null, null, "fileSystemId")]
    [InlineData("fs-0123abcdef", null, null, "fileSystemId")]
    [InlineData("fs_0123abcd", null, null, "fileSystemId")]
    [InlineData("fs-0123abcd", "/data/../other", null, "rootDirectory")]
    [InlineData("fs-0123abcd", "..", null, "rootDirectory")]
    [InlineData("fs-0123abcd", "/data/./x", null, "rootDirectory")]
    [InlineData("fs-0123abcd", "/data:fsap-0123456789abcdef0", null, "rootDirectory")]
    [InlineData("fs-0123abcd", null, "fsap-0123456789abcdef0:x", "authorizationConfig.accessPointId")]
    [InlineData("fs-0123abcd", null, "FSAP-0123456789ABCDEF0", "authorizationConfig.accessPointId")]
    [InlineData("fs-0123abcd", null, "fsap-0123456789abcdef0\n", "authorizationConfig.accessPointId")]
    public void Build_EfsIdentifierOrPathTrick_Refused(string fileSystemId, string? rootDirectory, string? accessPoint, string field)
    {
        foreach (var staticBinding in new[] { false, true })
        {
            var spec = Spec(Container());
            spec.Volumes =
            [
                new Volume
                {
                    Name = "efs",
                    EfsVolumeConfiguration = new EfsVolumeConfiguration
                    {
                        FileSystemId = fileSystemId,
                        RootDirectory = rootDirectory,
                        AuthorizationConfig = accessPoint is null ? null : new EfsAuthorizationConfig { AccessPointId = accessPoint },
                    },
                },
            ];
            var cluster = new EcsClusterSpec { Storage = new ClusterStorage { EfsCsiStaticBinding = staticBinding } };
            var (_, report) = Build(spec, cluster);
            Assert.Equal(Disposition.Rejected, report.Entry("volumes[0].efsVolumeConfiguration." + field).Disposition);
        }
    }

    [Theory]
    [InlineData("fs-0123abcd")]
    [InlineData("fs-0123456789abcdef0")]
    public void Build_EfsIdAsEcsWritesIt_Accepted(string fileSystemId)
    {
        var spec = Spec(Container());
        spec.Volumes = [new Volume { Name = "efs", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = fileSystemId, RootDirectory = "/data/" } }];
        var (result, report) = Build(spec);
        Assert.False(report.HasRejections, string.Join("; ", report.Rejections));
        Assert.Contains(result.Companions, o => o is V1PersistentVolumeClaim && o.Metadata.Name == "efs-" + fileSystemId);
    }

    [Fact]
    public void Build_SharedDockerVolumesThatDifferOnlyInSpelling_GetDistinctClaims()
    {
        string[] names = ["data", "Data", "data_", "data.", "DATA"];
        var claims = names.Select(name =>
        {
            var spec = Spec(Container());
            spec.Volumes = [new Volume { Name = name, DockerVolumeConfiguration = new DockerVolumeConfiguration { Scope = "shared" } }];
            var (result, report) = Build(spec);
            Assert.False(report.HasRejections);
            return Assert.Single(result.Companions.OfType<V1PersistentVolumeClaim>()).Metadata.Name;
        }).ToList();
        Assert.Equal("docker-data", claims[0]);
        Assert.Equal(names.Length, claims.Distinct(StringComparer.Ordinal).Count());
        Assert.All(claims, c => Assert.True(EcsOnK8s.Translation.Naming.KubeNames.IsDnsLabel(c), c));
    }
}
