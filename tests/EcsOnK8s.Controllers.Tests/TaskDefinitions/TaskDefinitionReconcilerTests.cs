using System.Net;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.TaskDefinitions;

public class TaskDefinitionReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_NewSpec_RegistersRevisionOneOwnedByTheTaskDefinition()
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(td);

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("web"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var (child, owner, _) = Assert.Single(world.Writer.Applied);
        var revision = Assert.IsType<V1ControllerRevision>(child);
        Assert.Equal(("web-1", 1L), (revision.Metadata.Name, revision.Revision));
        Assert.Same(td, owner);
        Assert.Equal("web:1", world.Writer.LastStatus<EcsTaskDefinitionStatus>().TaskDefinition);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Normal, Reason: "RevisionRegistered" });
    }

    [Fact]
    public async Task ReconcileAsync_SpecOfTheLatestRevision_RegistersNothing()
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(td, Revision(td, 1));

        await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("web"), CancellationToken.None);

        Assert.Empty(world.Writer.Applied);
        Assert.Equal(1, world.Writer.LastStatus<EcsTaskDefinitionStatus>().LatestRevision);
    }

    [Fact]
    public async Task ReconcileAsync_InvalidSpec_RegistersNothingAndWaitsForAnEdit()
    {
        await using var world = await ReconcilerWorld.StartAsync(
            Seeds.TaskDefinition("""{"name": "app", "image": "nginx", "dnsServers": ["not-an-ip"]}"""));

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("web"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.TerminalError, result.Outcome);
        Assert.Empty(world.Writer.Applied);
        Assert.Equal(ConditionReasons.InvalidSpec, Conditions.Find(world.Writer.LastStatus<EcsTaskDefinitionStatus>().Conditions, ConditionTypes.Degraded)?.Reason);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: ConditionReasons.InvalidSpec });
    }

    [Fact]
    public async Task ReconcileAsync_RevisionRefusedByTheApiServer_DegradedNamingItAndWaitsForAnEdit()
    {
        await using var world = await ReconcilerWorld.StartAsync(Seeds.TaskDefinition());
        world.Writer.FailApply = _ => new KubernetesApiException(
            HttpStatusCode.UnprocessableEntity, new V1Status { Message = "data: Too long: must have at most 1048576 bytes" }, "422");

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("web"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.TerminalError, result.Outcome);
        var status = world.Writer.LastStatus<EcsTaskDefinitionStatus>();
        var degraded = Conditions.Find(status.Conditions, ConditionTypes.Degraded);
        Assert.Equal(ConditionReasons.ChildRejected, degraded?.Reason);
        Assert.Equal("the API server refused ControllerRevision web-1: data: Too long: must have at most 1048576 bytes", degraded?.Message);
        Assert.Equal("False", Conditions.Find(status.Conditions, ConditionTypes.Ready)?.Status);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: ConditionReasons.ChildRejected });
    }

    [Fact]
    public async Task ReconcileAsync_RevisionApplyFailsForNow_RetriedWithoutACondition()
    {
        await using var world = await ReconcilerWorld.StartAsync(Seeds.TaskDefinition());
        world.Writer.FailApply = _ => new KubernetesApiException(HttpStatusCode.InternalServerError, null, "etcdserver: request timed out");

        await Assert.ThrowsAsync<KubernetesApiException>(() => Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("web"), CancellationToken.None));

        Assert.Empty(world.Writer.Statuses);
    }

    /// <summary>A revision as the reconciler itself stores it (its hash annotation included), so "unchanged" is its own verdict.</summary>
    private static V1ControllerRevision Revision(EcsTaskDefinition td, int number)
    {
        var revision = Seeds.Revision(td, number);
        revision.Metadata.Annotations = new Dictionary<string, string>
        {
            [WellKnownAnnotations.SpecHash] = TaskDefinitionNormalizer.Normalize(td.Spec, td.Metadata.Name).Hash,
        };
        return revision;
    }

    private static TaskDefinitionReconciler Reconciler(ReconcilerWorld world) =>
        new(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time);
}
