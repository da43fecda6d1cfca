using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// A child's name belongs to the workload that holds it: a workload whose rendered name is already another
/// workload's child (or an object EcsOnK8s did not write) is refused on its own status, and the holder keeps its
/// object. A workload deleted and created again under its name is a new object: its children follow the new spec.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ChildOwnershipTests(KubeFixture fixture)
{
    private const string Cluster = "apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}";

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          containerDefinitions: [{name: app, image: "nginx:1.27", memory: 128}]
        """;

    private const string TwoProviders = "capacityProviderStrategy: [{capacityProvider: FARGATE, weight: 1}, {capacityProvider: FARGATE_SPOT, weight: 1}]";

    private static string Service(string name, string extra = "") =>
        $"apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {{name: {name}}}\nspec: {{taskDefinition: web, desiredCount: 2{(extra.Length == 0 ? string.Empty : ", " + extra)}}}";

    [Fact]
    public async Task ServiceNamedLikeAnotherServicesDeployment_NewcomerDegraded_ExistingDeploymentUntouched()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-collide");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        var victim = await s.CreateAsync<EcsService>(Service("victim", TwoProviders));
        var held = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("victim-fargate"), d => d is not null, "victim's FARGATE Deployment");
        Assert.Equal(victim.Metadata.Uid, held!.Metadata.OwnerReferences.Single(o => o.Controller == true).Uid);

        // Its default Deployment is named victim-fargate as well.
        var newcomer = await s.CreateAsync<EcsService>(Service("victim-fargate"));
        var refused = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("victim-fargate"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the newcomer's refusal");
        var degraded = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ChildNameConflict, degraded.Reason);
        Assert.Contains("victim-fargate", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("EcsService victim", degraded.Message, StringComparison.Ordinal);
        Assert.Equal("False", OperatorScenario.ConditionOf(refused.Status.Conditions, ConditionTypes.Ready)?.Status);

        var events = await OperatorScenario.EventuallyAsync(
            async () => (await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items,
            items => items.Any(e => e.InvolvedObject.Uid == newcomer.Metadata.Uid && e.Reason == ConditionReasons.ChildNameConflict),
            "a Warning event on the newcomer");
        Assert.Equal("Warning", events.First(e => e.InvolvedObject.Uid == newcomer.Metadata.Uid && e.Reason == ConditionReasons.ChildNameConflict).Type);
        Assert.DoesNotContain(events, e => e.InvolvedObject.Uid == victim.Metadata.Uid && e.Reason == ConditionReasons.ChildNameConflict);

        // The newcomer's refusal came after its apply was decided: the victim's Deployment is the object it was.
        var after = await s.DeploymentAsync("victim-fargate");
        Assert.Equal(held.Metadata.ResourceVersion, after!.Metadata.ResourceVersion);
        Assert.Equal(victim.Metadata.Uid, Assert.Single(after.Metadata.OwnerReferences).Uid);
        Assert.Equal("victim", after.Spec.Template.Metadata.Labels[WellKnownLabels.Service]);
        var victimStatus = await s.ServiceAsync("victim");
        Assert.NotEqual("True", OperatorScenario.ConditionOf(victimStatus!.Status?.Conditions, ConditionTypes.Degraded)?.Status);
    }

    [Fact]
    public async Task ObjectNotWrittenByTheOperator_HoldsTheName_ServiceDegradedAndObjectUntouched()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-foreign");
        var foreign = await s.Client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["app"] = "mine" } },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 0,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "mine" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "mine" } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
                    },
                },
            },
            s.Namespace);
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service("web"));

        var refused = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the refusal");
        var degraded = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ChildNameConflict, degraded.Reason);
        Assert.Contains("not managed by EcsOnK8s", degraded.Message, StringComparison.Ordinal);
        var after = await s.DeploymentAsync("web");
        Assert.Equal(foreign.Metadata.ResourceVersion, after!.Metadata.ResourceVersion);
        Assert.Null(after.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task ServiceDeletedAndRecreatedAtOnce_NewStrategy_DeploymentsFollowTheSuccessor()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-recreate");
        await DeleteAndRecreateRoundsAsync(s, garbageCollected: false);
    }

    /// <summary>
    /// Deletes the service sp4 and creates it again at once, eight times, toggling between one Deployment and two (a
    /// capacity provider strategy); each time the successor's Deployments and status are its own. With
    /// <paramref name="garbageCollected"/>, the predecessor's Deployments must also go.
    /// </summary>
    internal static async Task DeleteAndRecreateRoundsAsync(OperatorScenario s, bool garbageCollected)
    {
        ArgumentNullException.ThrowIfNull(s);
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);

        // Edits of the Deployments keep the key sp4 in reconcile all the time, so reconciles of a predecessor still
        // in the cache overlap its successor: it meets its predecessor at every stage of a reconcile (cache, applier
        // memory, status write) at least once.
        await s.CreateAsync<EcsService>(Service("sp4"));
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("sp4"), d => d is not null, "the first Deployment");
        using var stopChurn = new CancellationTokenSource();
        var churn = ChurnAsync(s, stopChurn.Token);
        for (var round = 0; round < 8; round++)
        {
            var split = round % 2 == 0;
            await s.Ecs.DeleteAsync<EcsService>(s.Namespace, "sp4");
            var successor = await s.CreateAsync<EcsService>(Service("sp4", split ? TwoProviders : string.Empty));
            string[] expected = split ? ["sp4-fargate", "sp4-fargate-spot"] : ["sp4"];
            string[] stale = split ? ["sp4"] : ["sp4-fargate", "sp4-fargate-spot"];
            var deployments = await OperatorScenario.EventuallyAsync(
                async () => (await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace)).Items,
                items => expected.All(name => items.Any(d => d.Metadata.Name == name && ControllerUid(d) == successor.Metadata.Uid))
                    && (!garbageCollected || !items.Any(d => stale.Contains(d.Metadata.Name))),
                $"round {round}: {string.Join(", ", expected)} owned by the successor {successor.Metadata.Uid}",
                garbageCollected ? TimeSpan.FromSeconds(90) : null);
            Assert.DoesNotContain(deployments, d => stale.Contains(d.Metadata.Name) && ControllerUid(d) == successor.Metadata.Uid);

            // The status belongs to the successor: written for its generation, never the predecessor's degraded one.
            var status = await OperatorScenario.EventuallyAsync(
                () => s.ServiceAsync("sp4"),
                x => x?.Status?.Deployments is { Count: > 0 } && x.Status.ObservedGeneration == x.Metadata.Generation,
                $"round {round}: the successor's status");
            Assert.Equal(successor.Metadata.Uid, status!.Metadata.Uid);
            Assert.DoesNotContain(status.Status.Conditions ?? [], c => c.Type == ConditionTypes.Degraded && c.Status == "True");
        }

        await stopChurn.CancelAsync();
        await churn;
    }

    /// <summary>Edits an annotation of every Deployment of the namespace, over and over, until cancelled.</summary>
    private static async Task ChurnAsync(OperatorScenario s, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            foreach (var deployment in (await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace, cancellationToken: CancellationToken.None)).Items)
            {
                var patch = new V1Patch(
                    new { metadata = new { annotations = new Dictionary<string, string> { ["test.ecsonk8s.io/churn"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } } },
                    V1Patch.PatchType.MergePatch);
                try
                {
                    await s.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, deployment.Metadata.Name, s.Namespace, cancellationToken: CancellationToken.None);
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    // pruned meanwhile
                }
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static string? ControllerUid(V1Deployment deployment) =>
        deployment.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid;
}
