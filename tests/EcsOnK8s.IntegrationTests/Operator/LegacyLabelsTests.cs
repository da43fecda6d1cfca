using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// A Deployment an earlier version rendered, whose immutable selector holds app.kubernetes.io/instance, moves to the
/// new labels on the real API server without being refused: its own labels lose the legacy label, its selector and
/// pod template keep it.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class LegacyLabelsTests(KubeFixture fixture)
{
    [Fact]
    public async Task Service_DeploymentWithLegacyInstanceSelector_AdoptedWithoutChangingTheSelector()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-legacy-labels");
        var selector = new Dictionary<string, string>
        {
            [WellKnownLabels.LegacyInstance] = "web",
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
            [WellKnownLabels.Name] = "web",
            [WellKnownLabels.Service] = "web",
        };

        // As an earlier version left it, written by the operator's own field manager (server-side apply): the legacy
        // label in the selector, the pod template and the Deployment's own labels.
        var legacy = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string>(selector) },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(selector) },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1.25" }] },
                },
            },
        };
        await s.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(KubernetesJson.Serialize(legacy), V1Patch.PatchType.ApplyPatch), "web", s.Namespace, fieldManager: EcsApi.FieldManager, force: true);
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTaskDefinition\nmetadata: {name: web}\nspec:\n  containerDefinitions:\n  - {name: app, image: \"nginx:1.27\", memory: 64}");
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");

        var deployment = await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"),
            d => d?.Metadata.OwnerReferences?.Any(o => o.Kind == EcsService.KindName) == true,
            "the operator to take the Deployment over");

        Assert.Equal(selector.OrderBy(p => p.Key), deployment!.Spec.Selector.MatchLabels.OrderBy(p => p.Key));
        Assert.Equal("web", deployment.Spec.Template.Metadata.Labels[WellKnownLabels.LegacyInstance]);
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Metadata.Labels.Keys);
        Assert.Equal("nginx:1.27", deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "app").Image);
        var service = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"), x => x?.Status?.ObservedGeneration == 1 && x.Status.Selector is { Length: > 0 }, "the service's status");
        Assert.NotEqual("True", OperatorScenario.ConditionOf(service!.Status.Conditions, ConditionTypes.Degraded)?.Status);
    }
}
