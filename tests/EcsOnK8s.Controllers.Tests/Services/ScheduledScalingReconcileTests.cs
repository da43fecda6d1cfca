using System.Net;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Workloads;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Services;

/// <summary>
/// Scheduled scaling in the service reconciler: the HPA's bounds and the desiredCount clamp follow the actions that
/// ran by the (fake) clock, the status says which ran last and which is next, each action is announced once (the
/// status, not memory, remembers), and the reconcile is requeued for the next action's time.
/// </summary>
public class ScheduledScalingReconcileTests
{
    // The world's clock starts at 2026-01-01T00:00:00Z: "up" ran an hour before, "down" runs half an hour after.
    private const string Actions = """
        "scheduledActions": [
          {"scheduledActionName": "up", "schedule": "at(2025-12-31T23:00:00)", "scalableTargetAction": {"minCapacity": 3, "maxCapacity": 10}},
          {"scheduledActionName": "down", "schedule": "at(2026-01-01T00:30:00)", "scalableTargetAction": {"minCapacity": 1, "maxCapacity": 4}}
        ]
        """;

    private const string Policy = """
        "targetTrackingPolicies": [{"targetValue": 60, "predefinedMetricSpecification": {"predefinedMetricType": "ECSServiceAverageCPUUtilization"}}],
        """;

    private static EcsService Service(bool policy, string actions = Actions, EcsServiceStatus? status = null)
    {
        var service = Seeds.Service($$"""
            {"cluster": "prod", "taskDefinition": "web", "desiredCount": 2,
             "autoScaling": {"minCapacity": 1, "maxCapacity": 4, {{(policy ? Policy : string.Empty)}} {{actions}} } }
            """);
        if (status is not null)
        {
            service.Status = status;
        }

        return service;
    }

    private static async Task<(ReconcileResult Result, ReconcilerWorld World)> ReconcileAsync(
        EcsService service, TimeSpan? after = null, Action<ReconcilerWorld>? arrange = null)
    {
        var td = Seeds.TaskDefinition();
        var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service);
        world.Time.Advance(after ?? TimeSpan.Zero);
        arrange?.Invoke(world);
        var result = await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        return (result, world);
    }

    private static List<RecordedEvent> ScalingEvents(ReconcilerWorld world) =>
        [.. world.Events.All.Where(e => e.Reason.StartsWith("ScheduledAction", StringComparison.Ordinal))];

    [Fact]
    public async Task ReconcileAsync_ActionRan_HpaHoldsItsBoundsStatusSaysLastAndNextRequeuedForTheNext()
    {
        var (result, world) = await ReconcileAsync(Service(policy: true));
        await using var _ = world;

        var hpa = Assert.Single(world.Writer.AppliedOf<V2HorizontalPodAutoscaler>());
        Assert.Equal((3, 10), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        // desiredCount 2 is below the minimum in force: the Deployment and the status hold 3 at once.
        Assert.Equal(3, Assert.Single(world.Writer.AppliedOf<V1Deployment>()).Spec.Replicas);
        var status = world.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal(3, status.DesiredCount);
        Assert.Equal((3, 10), (status.AutoScaling?.MinCapacity, status.AutoScaling?.MaxCapacity));
        Assert.Equal(("up", new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc), ScheduledActionRun.Successful),
            (status.AutoScaling?.LastScheduledAction?.ScheduledActionName, status.AutoScaling?.LastScheduledAction?.Time, status.AutoScaling?.LastScheduledAction?.StatusCode));
        Assert.Equal(("down", new DateTime(2026, 1, 1, 0, 30, 0, DateTimeKind.Utc)),
            (status.AutoScaling?.NextScheduledAction?.ScheduledActionName, status.AutoScaling?.NextScheduledAction?.Time));
        const string message = "Successfully set min capacity to 3 and max capacity to 10 (service api, scheduled action up at 2025-12-31T23:00:00Z).";
        Assert.Equal([new RecordedEvent("api", EventType.Normal, "ScheduledActionSucceeded", message)], ScalingEvents(world));
        Assert.Contains(status.Events!, e => e.Message == message);
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(30)), result);
    }

    [Fact]
    public async Task ReconcileAsync_AnnouncementDueButTheCachedServiceIsStale_NothingAnnouncedOrWrittenAndLookedAtAgainSoon()
    {
        var service = Service(policy: true);
        service.Metadata.ResourceVersion = "41";

        var (result, world) = await ReconcileAsync(service, arrange: w => w.Writer.FailPatchStatus = patch => patch.Contains("\"resourceVersion\":\"41\"", StringComparison.Ordinal)
            ? new KubernetesApiException(HttpStatusCode.Conflict, new V1Status { Reason = "Conflict" }, "the object has been modified")
            : null);
        await using var _ = world;

        Assert.Empty(ScalingEvents(world));
        Assert.Empty(world.Writer.Statuses);
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(1)), result);
    }

    [Fact]
    public async Task ReconcileAsync_AnnouncementDue_TheCachedResourceVersionIsCheckedFirst()
    {
        var service = Service(policy: true);
        service.Metadata.ResourceVersion = "41";

        var (_, world) = await ReconcileAsync(service);
        await using var _ = world;

        var check = Assert.Single(world.Writer.StatusPatched);
        Assert.Equal(("""{"metadata":{"resourceVersion":"41"}}""", ReconcilerWorld.Key("api")), (check.Patch, check.Key));
    }

    [Fact]
    public async Task ReconcileAsync_AfterARestartWithTheStatusWritten_NothingAnnouncedAgainAndNothingWritten()
    {
        var (_, first) = await ReconcileAsync(Service(policy: true));
        await using var __ = first;
        var status = first.Writer.LastStatus<EcsServiceStatus>();

        var (result, second) = await ReconcileAsync(Service(policy: true, status: status), TimeSpan.FromMinutes(10));
        await using var ___ = second;

        Assert.Empty(ScalingEvents(second));
        Assert.Empty(second.Writer.Statuses);
        Assert.Empty(second.Writer.StatusPatched);
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(20)), result);
    }

    [Fact]
    public async Task ReconcileAsync_NextActionDue_BoundsChangeBackAndOnlyItIsAnnounced()
    {
        var (_, first) = await ReconcileAsync(Service(policy: true));
        await using var __ = first;

        var (result, second) = await ReconcileAsync(Service(policy: true, status: first.Writer.LastStatus<EcsServiceStatus>()), TimeSpan.FromMinutes(30));
        await using var ___ = second;

        var hpa = Assert.Single(second.Writer.AppliedOf<V2HorizontalPodAutoscaler>());
        Assert.Equal((1, 4), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        var announced = Assert.Single(ScalingEvents(second));
        Assert.Equal("Successfully set min capacity to 1 and max capacity to 4 (service api, scheduled action down at 2026-01-01T00:30:00Z).", announced.Message);
        var status = second.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal("down", status.AutoScaling?.LastScheduledAction?.ScheduledActionName);
        Assert.Null(status.AutoScaling?.NextScheduledAction);
        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
    }

    [Fact]
    public async Task ReconcileAsync_NoDynamicPolicy_NoHpaAndReplicasClampedIntoTheBoundsInForce()
    {
        var (_, world) = await ReconcileAsync(Service(policy: false));
        await using var _ = world;

        Assert.Empty(world.Writer.AppliedOf<V2HorizontalPodAutoscaler>());
        Assert.Equal(3, Assert.Single(world.Writer.AppliedOf<V1Deployment>()).Spec.Replicas);
        Assert.Equal(3, world.Writer.LastStatus<EcsServiceStatus>().DesiredCount);
    }

    [Fact]
    public async Task ReconcileAsync_ScalableTargetWithoutActions_DesiredCountClampedAndNoRequeue()
    {
        var service = Seeds.Service("""{"cluster": "prod", "taskDefinition": "web", "desiredCount": 9, "autoScaling": {"minCapacity": 1, "maxCapacity": 4}}""");

        var (result, world) = await ReconcileAsync(service);
        await using var _ = world;

        Assert.Equal(4, Assert.Single(world.Writer.AppliedOf<V1Deployment>()).Spec.Replicas);
        var status = world.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal((1, 4), (status.AutoScaling?.MinCapacity, status.AutoScaling?.MaxCapacity));
        Assert.Null(status.AutoScaling?.LastScheduledAction);
        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
    }

    [Fact]
    public async Task ReconcileAsync_NextActionFarAway_RequeuedWithinAnHour()
    {
        var actions = """
            "scheduledActions": [{"scheduledActionName": "yearly", "schedule": "cron(0 0 1 6 ? *)", "scalableTargetAction": {"maxCapacity": 8}}]
            """;

        var (result, world) = await ReconcileAsync(Service(policy: true, actions));
        await using var _ = world;

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromHours(1)), result);
        Assert.Equal(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), world.Writer.LastStatus<EcsServiceStatus>().AutoScaling?.NextScheduledAction?.Time);
    }

    [Fact]
    public async Task ReconcileAsync_ActionWouldLeaveMinAboveMax_WarningOnceAndTheBoundsStay()
    {
        var actions = """
            "scheduledActions": [{"scheduledActionName": "too-many", "schedule": "at(2025-12-31T23:00:00)", "scalableTargetAction": {"minCapacity": 6}}]
            """;

        var (_, world) = await ReconcileAsync(Service(policy: true, actions));
        await using var _ = world;

        var hpa = Assert.Single(world.Writer.AppliedOf<V2HorizontalPodAutoscaler>());
        Assert.Equal((1, 4), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        var warning = Assert.Single(ScalingEvents(world));
        Assert.Equal((EventType.Warning, EcsEvents.ScheduledActionFailed.Reason), (warning.Type, warning.Reason));
        Assert.StartsWith("Failed to set min capacity to 6: min capacity 6 would exceed max capacity 4", warning.Message, StringComparison.Ordinal);
        Assert.Equal(ScheduledActionRun.Failed, world.Writer.LastStatus<EcsServiceStatus>().AutoScaling?.LastScheduledAction?.StatusCode);
    }

    [Fact]
    public void Compute_SeveralActionsRanSinceTheLastAnnounced_EachAnnouncedOnceInOrder()
    {
        var scaling = new ServiceAutoScaling
        {
            MinCapacity = 1,
            MaxCapacity = 4,
            ScheduledActions =
            [
                new ScheduledAction { ScheduledActionName = "a", Schedule = "at(2026-01-01T01:00:00)", ScalableTargetAction = new ScalableTargetAction { MinCapacity = 2 } },
                new ScheduledAction { ScheduledActionName = "b", Schedule = "at(2026-01-01T02:00:00)", ScalableTargetAction = new ScalableTargetAction { MinCapacity = 3 } },
                new ScheduledAction { ScheduledActionName = "c", Schedule = "at(2026-01-01T03:00:00)", ScalableTargetAction = new ScalableTargetAction { MaxCapacity = 5 } },
            ],
        };
        var previous = new EcsServiceStatus
        {
            AutoScaling = new ServiceScalingStatus { LastScheduledAction = new ScheduledActionRun { ScheduledActionName = "a", Time = new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc) } },
        };
        var now = new DateTimeOffset(2026, 1, 1, 3, 30, 0, TimeSpan.Zero);

        var result = ServiceStatusCalculator.Compute(new ServiceObservation
        {
            ServiceName = "web",
            ServiceUid = "uid-1",
            RequestedTaskDefinition = "web:1",
            EffectiveTaskDefinition = "web:1",
            Workloads = [],
            Selector = string.Empty,
            Previous = previous,
            Now = now.UtcDateTime,
            Scaling = ScheduledScaling.Evaluate(scaling, now, anchor: null),
        });

        Assert.Equal(
            ["Successfully set min capacity to 3 (service web, scheduled action b at 2026-01-01T02:00:00Z).", "Successfully set max capacity to 5 (service web, scheduled action c at 2026-01-01T03:00:00Z)."],
            result.NewEvents.Where(e => e.Kind == EcsEvents.ScheduledActionSucceeded).Select(e => e.Message));
        Assert.Equal((3, 5), (result.Status.AutoScaling?.MinCapacity, result.Status.AutoScaling?.MaxCapacity));
    }
}
