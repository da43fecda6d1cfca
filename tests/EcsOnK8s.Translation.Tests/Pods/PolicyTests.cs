using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;
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
                AllowedCapabilities = ["SYS_ADMIN"],
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
}
