using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Common;

public class PolicyBoundResolverTests
{
    private static readonly Dictionary<string, string> TeamLabels = new() { ["tenant"] = "payments", ["tier"] = "prod" };

    public static TheoryData<string, EcsClusterPolicySpec, bool> Selections => new()
    {
        { "named", new() { Namespaces = ["team-a"] }, true },
        { "another name", new() { Namespaces = ["team-b"] }, false },
        { "every namespace", new() { Namespaces = ["*"] }, true },
        { "nothing given", new(), false },
        { "matching labels", new() { NamespaceSelector = new() { MatchLabels = new() { ["tenant"] = "payments" } } }, true },
        { "a label's other value", new() { NamespaceSelector = new() { MatchLabels = new() { ["tenant"] = "search" } } }, false },
        { "empty selector", new() { NamespaceSelector = new() }, true },
        { "In", new() { NamespaceSelector = new() { MatchExpressions = [new() { Key = "tier", Operator = "In", Values = ["prod", "staging"] }] } }, true },
        { "NotIn", new() { NamespaceSelector = new() { MatchExpressions = [new() { Key = "tier", Operator = "NotIn", Values = ["prod"] }] } }, false },
        { "Exists", new() { NamespaceSelector = new() { MatchExpressions = [new() { Key = "tenant", Operator = "Exists" }] } }, true },
        { "DoesNotExist", new() { NamespaceSelector = new() { MatchExpressions = [new() { Key = "tenant", Operator = "DoesNotExist" }] } }, false },
        { "unknown operator", new() { NamespaceSelector = new() { MatchExpressions = [new() { Key = "tenant", Operator = "Gt", Values = ["1"] }] } }, false },
        { "all expressions must hold", new() { NamespaceSelector = new() { MatchLabels = new() { ["tenant"] = "payments" }, MatchExpressions = [new() { Key = "tier", Operator = "In", Values = ["dev"] }] } }, false },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Selects_Namespace_ByNameOrLabels(string what, EcsClusterPolicySpec spec, bool selected)
    {
        Assert.True(selected == PolicyBoundResolver.Selects(spec, "team-a", TeamLabels), what);
    }

    [Fact]
    public void BoundFor_NoPolicySelectsTheNamespace_DeniesEverything()
    {
        var bound = PolicyBoundResolver.BoundFor([Policy("other", new() { Namespaces = ["team-b"], Allow = new() { AllowPrivileged = true } })], "team-a", TeamLabels);

        Assert.Null(bound.AllowPrivileged);
        Assert.Null(bound.AllowedCapabilities);
    }

    [Fact]
    public void BoundFor_SeveralPolicies_AllowWhatAnySelectingOneAllows()
    {
        EcsClusterPolicy[] policies =
        [
            Policy("network", new() { Namespaces = ["team-a"], Allow = new() { AllowHostNetwork = true } }),
            Policy("caps", new() { NamespaceSelector = new() { MatchLabels = new() { ["tenant"] = "payments" } }, Allow = new() { AllowedCapabilities = ["NET_ADMIN"] } }),
            Policy("elsewhere", new() { Namespaces = ["team-b"], Allow = new() { AllowPrivileged = true } }),
        ];

        var bound = PolicyBoundResolver.BoundFor(policies, "team-a", TeamLabels);

        Assert.True(bound.AllowHostNetwork);
        Assert.Equal(["NET_ADMIN"], bound.AllowedCapabilities);
        Assert.Null(bound.AllowPrivileged);
    }

    [Fact]
    public void BoundFor_PolicyBeingDeleted_NoLongerCounts()
    {
        var deleting = Policy("going", new() { Namespaces = ["*"], Allow = new() { AllowPrivileged = true } });
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.Null(PolicyBoundResolver.BoundFor([deleting], "team-a", null).AllowPrivileged);
    }

    [Fact]
    public void BoundFor_InvalidPolicy_GrantsNothing()
    {
        var typo = Policy("typo", new() { Namespaces = ["*"], Allow = new() { AllowPrivileged = true, AllowedCapabilities = ["net admin"] } });

        Assert.Null(PolicyBoundResolver.BoundFor([typo], "team-a", null).AllowPrivileged);
    }

    public static TheoryData<string, EcsClusterPolicySpec?, string?, string?> Floors => new()
    {
        { "none", null, null, null },
        { "namespace enforces restricted", null, "restricted", "namespace team-a label pod-security.kubernetes.io/enforce" },
        { "namespace enforces baseline", null, "baseline", null },
        { "policy selecting it", new() { Namespaces = ["team-a"], PodSecurity = "restricted" }, null, "EcsClusterPolicy floor spec.podSecurity" },
        { "policy selecting another", new() { Namespaces = ["team-b"], PodSecurity = "restricted" }, null, null },
        { "policy at baseline", new() { Namespaces = ["*"], PodSecurity = "baseline" }, null, null },
        { "invalid policy still floors", new() { Namespaces = ["*"], PodSecurity = "restricted", Allow = new() { AllowedCapabilities = ["net admin"] } }, null, "EcsClusterPolicy floor spec.podSecurity" },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void PodSecurityFloorFor_LabelOrPolicy_RestrictedAndWhy(string what, EcsClusterPolicySpec? policy, string? enforce, string? source)
    {
        var labels = enforce is null ? null : new Dictionary<string, string> { [PodSecurityLevels.EnforceLabel] = enforce };
        EcsClusterPolicy[] policies = policy is null ? [] : [Policy("floor", policy)];

        var (level, why) = PolicyBoundResolver.PodSecurityFloorFor(policies, "team-a", labels);

        Assert.True((source is null ? null : PodSecurityLevels.Restricted) == level, what);
        Assert.Equal(source, why);
    }

    private static EcsClusterPolicy Policy(string name, EcsClusterPolicySpec spec) => new() { Metadata = new V1ObjectMeta { Name = name }, Spec = spec };
}
