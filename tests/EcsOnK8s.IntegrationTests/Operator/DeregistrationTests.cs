using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>Deregistering a revision (spec.inactiveRevisions): running services keep it, new resolutions skip it.</summary>
[Collection(KubeCollection.Name)]
public sealed class DeregistrationTests(KubeFixture fixture)
{
    private static string TaskDefinition(string image) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          containerDefinitions: [{name: app, image: "{{image}}", memory: 128}]
        """;

    private static string Service(string name, string taskDefinition) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec: {taskDefinition: "{{taskDefinition}}", desiredCount: 1}
        """;

    [Fact]
    public async Task InactiveRevision_RunningServiceKeepsIt_NewServiceRefusedLatestSkipsIt()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-deregister");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("nginx:1.27"));
        await s.CreateAsync<EcsService>(Service("old", "web:1"));
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("old"), d => d is not null, "the old service's Deployment");
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new
        {
            spec = new { containerDefinitions = new[] { new { name = "app", image = "nginx:1.28", memory = 128 } } },
        });
        await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("web"), t => t?.Status?.LatestRevision == 2, "revision 2");
        var oldBefore = await s.DeploymentAsync("old");

        // Deregister revision 2, the latest: `web` now resolves to web:1.
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new { spec = new { inactiveRevisions = new[] { 2 } } });
        var td = await OperatorScenario.EventuallyAsync(
            () => s.TaskDefinitionAsync("web"), t => t?.Status?.Revisions?.Any(r => r.Revision == 2 && r.Status == "INACTIVE") == true, "revision 2 INACTIVE");
        Assert.Equal(2, td!.Status.Revisions!.Count);
        await s.CreateAsync<EcsService>(Service("fresh", "web"));
        var fresh = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("fresh"), d => d is not null, "the fresh service's Deployment");
        Assert.Equal("web:1", fresh!.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);

        // Deregister revision 1 too: the service already running it keeps running it; a new one cannot start it.
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new { spec = new { inactiveRevisions = new[] { 1, 2 } } });
        await s.CreateAsync<EcsService>(Service("late", "web:1"));
        var late = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("late"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the new service refused");
        Assert.Equal(ConditionReasons.RevisionInactive, OperatorScenario.ConditionOf(late!.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Null(await s.DeploymentAsync("late"));
        // The late service was refused on the cache that holds the deregistration, which queued the old one too.
        await s.IdleAsync();
        var oldAfter = await s.DeploymentAsync("old");
        Assert.Equal(oldBefore!.Metadata.ResourceVersion, oldAfter!.Metadata.ResourceVersion);
        var old = await s.ServiceAsync("old");
        Assert.Equal("False", OperatorScenario.ConditionOf(old!.Status.Conditions, ConditionTypes.Degraded)!.Status);
    }
}
