using System.Net;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Services;

public class ServiceReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_RegisteredRevision_AppliesItsDeploymentPrunesAndReportsTheRevision()
    {
        var td = Seeds.TaskDefinition();
        var service = Seeds.Service();
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service);

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var deployment = Assert.Single(world.Writer.Applied, a => a.Child is V1Deployment);
        Assert.Same(service, deployment.Owner);
        Assert.Equal(2, ((V1Deployment)deployment.Child).Spec.Replicas);
        var pruned = Assert.Single(world.Writer.Pruned);
        Assert.Equal("api", pruned.Owner);
        Assert.Contains(pruned.Desired, d => d is V1Deployment);
        Assert.Equal("web:1", world.Writer.LastStatus<EcsServiceStatus>().TaskDefinition);
    }

    [Fact]
    public async Task ReconcileAsync_ClusterMissing_WaitsWithoutWritingChildren()
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(td, Seeds.Revision(td, 1), Seeds.Service());

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Empty(world.Writer.Applied);
        Assert.Empty(world.Writer.Pruned);
        var status = world.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal(ConditionReasons.ClusterNotFound, Conditions.Find(status.Conditions, ConditionTypes.Ready)?.Reason);
        Assert.False(Conditions.IsTrue(status.Conditions, ConditionTypes.Degraded));
        Assert.Equal(new RecordedEvent("api", EventType.Normal, ConditionReasons.ClusterNotFound, Conditions.Find(status.Conditions, ConditionTypes.Ready)!.Message!), Assert.Single(world.Events.All));
    }

    [Fact]
    public async Task ReconcileAsync_TaskDefinitionNotYetSeenByItsController_WaitsForItsDecisionWithoutAnyWrite()
    {
        var td = Seeds.TaskDefinition(seen: false);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Service());
        var reconciler = Reconciler(world);

        var result = await reconciler.ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        Assert.Equal(TaskDefinitionWaiters.SafetyNet, result.Delay);
        Assert.Empty(world.Writer.Statuses);
        Assert.Empty(world.Events.All);

        // The task definition's status write that records its decision queues the service, once.
        Assert.Empty(reconciler.Waiters.Release(td));
        var decided = KubernetesJson.Deserialize<EcsTaskDefinition>(KubernetesJson.Serialize(td));
        decided.Status = new EcsTaskDefinitionStatus { ObservedGeneration = td.Metadata.Generation };
        Assert.Equal([ReconcilerWorld.Key("api")], reconciler.Waiters.Release(decided));
        Assert.Empty(reconciler.Waiters.Release(decided));
    }

    [Fact]
    public async Task ReconcileAsync_RevisionRegisteredButNotYetConfirmed_RendersAndWaitsForTheDecision()
    {
        var td = Seeds.TaskDefinition(seen: false);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service());
        var reconciler = Reconciler(world);

        var result = await reconciler.ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        // Rendered with revision 1, and waiting to report a refusal of the current spec should it come.
        Assert.Single(world.Writer.Applied, a => a.Child is V1Deployment);
        Assert.Equal((ReconcileOutcome.RequeueAfter, TaskDefinitionWaiters.SafetyNet), (result.Outcome, result.Delay));
        Assert.Equal(1, reconciler.Waiters.Count);

        var decided = KubernetesJson.Deserialize<EcsTaskDefinition>(KubernetesJson.Serialize(td));
        decided.Status = new EcsTaskDefinitionStatus { ObservedGeneration = td.Metadata.Generation, LatestRevision = 1 };
        Assert.Equal([ReconcilerWorld.Key("api")], reconciler.Waiters.Release(decided));
        Assert.Equal(0, reconciler.Waiters.Count);
    }

    [Fact]
    public async Task ReconcileAsync_ServiceAccountSomeoneElseMade_RefusedBeforeAnyChildIsWritten()
    {
        var td = Seeds.TaskDefinition();
        td.Spec.TaskRoleArn = "arn:aws:iam::123456789012:role/reader";
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service());
        world.Writer.Existing[("ServiceAccount", ReconcilerWorld.Key("reader"))] =
            new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "reader", NamespaceProperty = Seeds.Namespace } };

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.TerminalError, result.Outcome);
        Assert.Empty(world.Writer.Applied);
        var status = world.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal(ConditionReasons.ServiceAccountConflict, Conditions.Find(status.Conditions, ConditionTypes.Degraded)?.Reason);
        Assert.False(Conditions.IsTrue(status.Conditions, ConditionTypes.Progressing));
    }

    [Fact]
    public async Task ReconcileAsync_DeploymentRefusedByTheApiServer_ReportedNotPrunedAndWaitsForAChange()
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service());
        world.Writer.FailApply = child => child is V1Deployment
            ? new KubernetesApiException(HttpStatusCode.UnprocessableEntity, new V1Status { Message = "spec.replicas: Invalid value" }, "refused")
            : null;

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.TerminalError, result.Outcome);
        Assert.Empty(world.Writer.Pruned);
        var degraded = Conditions.Find(world.Writer.LastStatus<EcsServiceStatus>().Conditions, ConditionTypes.Degraded);
        Assert.Equal("True", degraded?.Status);
        Assert.Contains("spec.replicas: Invalid value", degraded?.Message, StringComparison.Ordinal);
    }

    private static ServiceReconciler Reconciler(ReconcilerWorld world) =>
        new(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time);
}
