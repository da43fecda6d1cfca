using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Testing.Common;
using k8s;
using EcsOnK8s.Testing;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// The operator's caches of its children hold only what the reconcilers read (<see cref="CachedChildren"/>), and a hand
/// edit of a field they dropped is still undone: the kept Apply entry, not the cached spec, tells the applier.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class TrimmedCacheTests(KubeFixture fixture)
{
    private const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec: {}
        """;

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          family: web
          containerDefinitions:
          - name: app
            image: nginx:1.27
            memory: 128
            environment: [{name: MODE, value: blue}]
            portMappings: [{containerPort: 8080}]
        """;

    private const string Service = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: web}
        spec:
          taskDefinition: web
          desiredCount: 2
        """;

    [Fact]
    public async Task Converged_ChildrenCachedTrimmed_HandEditOfADroppedFieldUndone()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-trim");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service);
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.Deployments is { Count: 1 }, "service status");
        await s.IdleAsync();
        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment");
        Assert.Equal("blue", deployment!.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "MODE").Value);
        var informers = s.Services.GetRequiredService<EcsInformers>();
        var key = new ObjectKey(s.Namespace, "web");
        await Eventually.TrueAsync(() => Version(informers.Deployments.Store.Get(key)) >= Version(deployment), "the Deployment cached");

        var cached = informers.Deployments.Store.Get(key)!;
        Assert.Null(cached.Spec.Template.Spec.Containers);
        Assert.Equal("web:1", cached.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);
        Assert.Equal(2, cached.Spec.Replicas);
        Assert.Equal(EcsApi.FieldManager, Assert.Single(cached.Metadata.ManagedFields).Manager);

        // An env value: not in the cache, so only the kept Apply entry can show that another manager took it.
        deployment.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "MODE").Value = "green";
        await s.Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", s.Namespace);
        var reverted = await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"),
            d => d?.Spec.Template.Spec.Containers[0].Env?.SingleOrDefault(e => e.Name == "MODE")?.Value == "blue",
            "the hand edit of the env value undone");
        await Eventually.TrueAsync(() => Version(informers.Deployments.Store.Get(key)) >= Version(reverted), "the reverted Deployment cached");
        Assert.Null(informers.Deployments.Store.Get(key)!.Spec.Template.Spec.Containers);
    }

    private static long Version(V1Deployment? deployment) =>
        long.TryParse(deployment?.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1;
}
