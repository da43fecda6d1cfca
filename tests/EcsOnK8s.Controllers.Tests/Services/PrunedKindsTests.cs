using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Controllers.Tests.Services;

/// <summary>The kinds a service's reconcile prunes: the served versions, the integrations' kinds only where served.</summary>
public class PrunedKindsTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "none", [] },
        { "tgb", ["elbv2.k8s.aws/v1beta1 TargetGroupBinding"] },
        { "routes-v1beta1", ["gateway.networking.k8s.io/v1beta1 HTTPRoute"] },
        { "both", ["elbv2.k8s.aws/v1beta1 TargetGroupBinding", "gateway.networking.k8s.io/v1 HTTPRoute"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrunedKinds_Integrations_OnlyServedOnesInTheirVersions(string installed, string[] expected)
    {
        var capabilities = installed switch
        {
            "tgb" => ClusterCapabilities.Kubernetes130 with { TargetGroupBindingApiVersion = "elbv2.k8s.aws/v1beta1" },
            "routes-v1beta1" => ClusterCapabilities.Kubernetes130 with { HttpRouteApiVersion = "gateway.networking.k8s.io/v1beta1" },
            "both" => ClusterCapabilities.Kubernetes130 with { TargetGroupBindingApiVersion = "elbv2.k8s.aws/v1beta1", HttpRouteApiVersion = "gateway.networking.k8s.io/v1" },
            _ => ClusterCapabilities.Kubernetes130,
        };

        var kinds = ServiceReconciler.PrunedKinds(capabilities).Select(k => $"{k.ApiVersion} {k.Kind}").ToList();

        Assert.Equal(expected, kinds.Where(k => k.Contains("elbv2", StringComparison.Ordinal) || k.Contains("gateway", StringComparison.Ordinal)));
        Assert.Contains("networking.k8s.io/v1 Ingress", kinds);
    }

    [Theory]
    [InlineData(20, "policy/v1beta1 PodDisruptionBudget")]
    [InlineData(30, "policy/v1 PodDisruptionBudget")]
    public void PrunedKinds_KubernetesVersion_BudgetInTheServedVersion(int minor, string expected) =>
        Assert.Contains(expected, ServiceReconciler.PrunedKinds(ClusterCapabilities.ForVersion(minor)).Select(k => $"{k.ApiVersion} {k.Kind}"));
}
