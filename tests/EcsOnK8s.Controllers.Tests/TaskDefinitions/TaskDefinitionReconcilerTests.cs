using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
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
