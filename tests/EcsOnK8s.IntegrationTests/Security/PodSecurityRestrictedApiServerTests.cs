using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Security;

/// <summary>
/// Pod Security restricted through the operator on the real API server: a restricted EcsCluster refuses a root user
/// naming the field and renders restricted pods once the user is not root; a namespace labelled to enforce restricted
/// raises a baseline cluster's services to restricted when the label is set.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class PodSecurityRestrictedApiServerTests(KubeFixture fixture)
{
    private static string TaskDefinition(string user) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          containerDefinitions: [{name: app, image: "nginx:1.27", memory: 64, user: "{{user}}"}]
        """;

    [Fact]
    public async Task RestrictedCluster_RootUser_RefusedNamingTheFieldThenRestrictedPodsOnceNonRoot()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "restricted");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {podSecurity: restricted}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("0"));
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");

        var refused = await OperatorScenario.EventuallyAsync(
            async () => OperatorScenario.ConditionOf((await s.ServiceAsync("web"))?.Status?.Conditions, ConditionTypes.Degraded),
            c => c?.Status == "True",
            "the root user refused");
        Assert.Contains("taskDefinition.containerDefinitions[0].user: running as root ('0') is refused: Pod Security restricted (EcsCluster default spec.podSecurity)", refused!.Message, StringComparison.Ordinal);
        Assert.Null(await s.DeploymentAsync("web"));

        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new
        {
            spec = new { containerDefinitions = new[] { new { name = "app", image = "nginx:1.27", memory = 64, user = "101" } } },
        });

        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment once the user is not root");
        AssertRestricted(deployment!.Spec.Template.Spec);
        var ready = await OperatorScenario.EventuallyAsync(
            async () => OperatorScenario.ConditionOf((await s.ServiceAsync("web"))?.Status?.Conditions, ConditionTypes.Degraded),
            c => c?.Status == "False",
            "the service no longer degraded");
        Assert.Equal(ConditionReasons.Reconciled, ready!.Reason);
    }

    [Fact]
    public async Task NamespaceLabelledRestricted_BaselineCluster_ServiceRenderedRestrictedWhenTheLabelIsSet()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "restricted-ns");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("101"));
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");
        var baseline = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the baseline Deployment");
        Assert.Null(baseline!.Spec.Template.Spec.SecurityContext?.RunAsNonRoot);

        await s.Client.CoreV1.PatchNamespaceAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"" + PodSecurityLevels.EnforceLabel + "\":\"restricted\"}}}", V1Patch.PatchType.MergePatch), s.Namespace);

        var restricted = await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"), d => d?.Spec.Template.Spec.SecurityContext?.RunAsNonRoot == true, "the Deployment rendered restricted");
        AssertRestricted(restricted!.Spec.Template.Spec);
    }

    private static void AssertRestricted(V1PodSpec pod)
    {
        Assert.True(pod.SecurityContext?.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext?.SeccompProfile?.Type);
        var container = Assert.Single(pod.Containers);
        Assert.False(container.SecurityContext?.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext?.Capabilities?.Drop);
        Assert.Equal(101, container.SecurityContext?.RunAsUser);
    }
}
