using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// Auto scaling under GitOps, on the real API server and HPA controller: the Git manifest of an auto scaled service
/// leaves desiredCount out, a GitOps tool applies it server-side under its own field manager (as Argo CD does with
/// ServerSideApply=true), and re-applying it never undoes what the HorizontalPodAutoscaler did.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GitOpsScalingTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Scaling = TimeSpan.FromSeconds(90);
    private const string GitOpsManager = "argocd-controller";

    private static string Manifest(int minCapacity) => """
        {"apiVersion": "ecsonk8s.io/v1alpha1", "kind": "EcsService", "metadata": {"name": "web"},
         "spec": {"taskDefinition": "web",
                  "autoScaling": {"minCapacity": MIN, "maxCapacity": 5,
                                  "targetTrackingPolicies": [{"targetValue": 50, "predefinedMetricSpecification": {"predefinedMetricType": "ECSServiceAverageCPUUtilization"}}]}}}
        """.Replace("MIN", minCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public async Task ManifestWithoutDesiredCount_HpaScalesAndReapplyingTheManifestKeepsItsCount()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "gitops-scale");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTaskDefinition\nmetadata: {name: web}\nspec:\n  containerDefinitions:\n  - {name: app, image: nginx, cpu: 8, memoryReservation: 32}");

        await ApplyAsync(s, Manifest(minCapacity: 2));

        // Without a desiredCount the scale subresource answers 500 and the HPA cannot act: the operator seeds it.
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Spec.DesiredCount == 2, "the operator to seed desiredCount with minCapacity");
        var scale = await s.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<JsonElement>(EcsApi.Group, EcsApi.Version, s.Namespace, EcsService.Plural, "web");
        Assert.Equal(2, scale.GetProperty("spec").GetProperty("replicas").GetInt32());

        // A change in Git: the HPA controller enforces the new minimum through the scale subresource.
        await ApplyAsync(s, Manifest(minCapacity: 4));
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Spec.DesiredCount == 4, "the HPA to scale the service to 4", Scaling);
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d?.Spec.Replicas == 4, "the Deployment to follow");

        // The GitOps tool syncs again (same manifest, forced): it owns no desiredCount, so the HPA's count stays.
        var reapplied = await ApplyAsync(s, Manifest(minCapacity: 4));
        Assert.Equal(4, reapplied.GetProperty("spec").GetProperty("desiredCount").GetInt32());
        var owners = reapplied.GetProperty("metadata").GetProperty("managedFields").EnumerateArray()
            .Where(f => f.GetProperty("fieldsV1").GetRawText().Contains("\"f:desiredCount\"", StringComparison.Ordinal))
            .Select(f => f.GetProperty("manager").GetString())
            .ToList();
        Assert.DoesNotContain(GitOpsManager, owners);

        var hpa = await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("autoscaling", "v2beta2", s.Namespace, "horizontalpodautoscalers", "web");
        Assert.DoesNotContain("FailedGetScale", hpa.GetProperty("status").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(4, (await s.ServiceAsync("web"))!.Spec.DesiredCount);
    }

    /// <summary>Server-side apply of the Git manifest under the GitOps tool's field manager, forced as Argo CD forces it.</summary>
    private static Task<JsonElement> ApplyAsync(OperatorScenario s, string manifest) =>
        s.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonElement>(
            new V1Patch(manifest, V1Patch.PatchType.ApplyPatch), EcsApi.Group, EcsApi.Version, s.Namespace, EcsService.Plural, "web",
            fieldManager: GitOpsManager, force: true);
}
