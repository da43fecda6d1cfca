using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing.Common.Security;
using EcsOnK8s.Translation.Security;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Security;

public class PolicyBoundsTests
{
    [Fact]
    public void Effective_NoBound_TheClusterPolicyAsWritten()
    {
        var requested = new ClusterPolicy { AllowPrivileged = true, AllowedCapabilities = ["NET_ADMIN"] };

        Assert.Same(requested, PolicyBounds.Effective(requested, bound: null));
    }

    [Fact]
    public void Effective_EmptyBound_DeniesEverything()
    {
        var effective = PolicyBounds.Effective(HostileSpecs.AllowEverything(), new ClusterPolicy());

        Assert.Empty(PolicyBounds.Exceeding(effective, new ClusterPolicy()));
        Assert.Null(effective.AllowPrivileged);
        Assert.Null(effective.AllowHostPath);
        Assert.Null(effective.AllowedCapabilities);
        Assert.Null(effective.AllowedUnsafeSysctls);
    }

    [Theory]
    [InlineData("NET_ADMIN", "NET_ADMIN", true)]
    [InlineData("CAP_NET_ADMIN", "net_admin", true)]
    [InlineData("NET_ADMIN", "ALL", true)]
    [InlineData("SYS_ADMIN", "NET_ADMIN", false)]
    [InlineData("ALL", "NET_ADMIN", false)]
    public void Effective_Capability_KeptOnlyWhenTheBoundAllowsIt(string requested, string bound, bool kept)
    {
        var effective = PolicyBounds.Effective(new ClusterPolicy { AllowedCapabilities = [requested] }, new ClusterPolicy { AllowedCapabilities = [bound] });

        Assert.Equal(kept, effective.AllowedCapabilities?.Contains(requested) == true);
    }

    [Theory]
    [InlineData("net.core.somaxconn", "net.core.somaxconn", true)]
    [InlineData("net.core.somaxconn", "net.core.*", true)]
    [InlineData("net/core/somaxconn", "net.core.*", true)]
    [InlineData("net.core.*", "net.core.*", true)]
    [InlineData("net.core.rmem*", "net.core.*", true)]
    [InlineData("net.*", "net.core.*", false)]
    [InlineData("*", "net.core.*", false)]
    [InlineData("kernel.msgmax", "net.*", false)]
    [InlineData("net.core.*", "net.core.somaxconn", false)]
    public void Exceeding_Sysctl_OutsideTheBoundIsNamed(string requested, string bound, bool within)
    {
        var exceeding = PolicyBounds.Exceeding(new ClusterPolicy { AllowedUnsafeSysctls = [requested] }, new ClusterPolicy { AllowedUnsafeSysctls = [bound] });

        Assert.Equal(within ? [] : [$"spec.policy.allowedUnsafeSysctls[0] ({requested})"], exceeding);
    }

    [Fact]
    public void Exceeding_EverySwitchBeyondTheBound_NamedInFieldOrder()
    {
        var exceeding = PolicyBounds.Exceeding(HostileSpecs.AllowEverything(), new ClusterPolicy { AllowHostPorts = true });

        Assert.Equal(
            [
                "spec.policy.allowPrivileged", "spec.policy.allowHostNetwork", "spec.policy.allowHostPID", "spec.policy.allowHostIPC",
                "spec.policy.allowHostPath", "spec.policy.allowUnconfined", "spec.policy.allowedCapabilities[0] (ALL)",
                "spec.policy.allowedUnsafeSysctls[0] (*)",
            ],
            exceeding);
    }

    [Fact]
    public void Union_SeveralPolicies_AllowWhatAnyAllows()
    {
        var union = PolicyBounds.Union([
            new ClusterPolicy { AllowHostNetwork = true, AllowedCapabilities = ["NET_ADMIN"] },
            null,
            new ClusterPolicy { AllowPrivileged = false, AllowHostPath = true, AllowedCapabilities = ["NET_ADMIN", "SYS_TIME"] },
        ]);

        Assert.True(union.AllowHostNetwork);
        Assert.True(union.AllowHostPath);
        Assert.Null(union.AllowPrivileged);
        Assert.Equal(["NET_ADMIN", "SYS_TIME"], union.AllowedCapabilities);
    }

    [Fact]
    public void Union_None_DeniesEverything()
    {
        Assert.Equal(PolicyBounds.Exceeding(HostileSpecs.AllowEverything(), new ClusterPolicy()), PolicyBounds.Exceeding(HostileSpecs.AllowEverything(), PolicyBounds.Union([])));
    }
}
