using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class ServiceEventTrackerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly EcsEventBuilder s_builder = new(EcsEventSettings.Default);

    [Theory]
    [InlineData("IN_PROGRESS", 1, "SERVICE_DEPLOYMENT_IN_PROGRESS", false)]
    [InlineData("COMPLETED", 2, "SERVICE_DEPLOYMENT_COMPLETED", false)]
    [InlineData("COMPLETED", 3, "SERVICE_DEPLOYMENT_COMPLETED", true)]
    [InlineData("FAILED", 0, "SERVICE_DEPLOYMENT_FAILED", false)]
    public void EventsOf_PrimaryDeployment_DeploymentStateChangeAndSteadyState(string rollout, int running, string eventName, bool steady)
    {
        var events = new ServiceEventTracker().EventsOf(Service(rollout, running, desired: 3), [], s_builder, s_now);

        var deployment = Assert.Single(events, e => e.Kind == ServiceEventTracker.Deployment).Event;
        Assert.Equal(EcsDetailTypes.DeploymentStateChange, deployment.DetailType);
        Assert.Equal(eventName, deployment.Detail["eventName"]!.GetValue<string>());
        Assert.Equal("ecs-svc/42", deployment.Detail["deploymentId"]!.GetValue<string>());
        Assert.Equal(["arn:aws:ecs:local:000000000000:service/prod/web"], deployment.Resources);
        Assert.Equal(steady, events.Any(e => e.Kind == ServiceEventTracker.Steady
            && e.Event.Detail["eventName"]!.GetValue<string>() == "SERVICE_STEADY_STATE"));
        if (rollout == "FAILED")
        {
            Assert.Equal("tasks failed to start", deployment.Detail["reason"]!.GetValue<string>());
            Assert.Equal("ERROR", deployment.Detail["eventType"]!.GetValue<string>());
        }
    }

    [Fact]
    public void EventsOf_DesiredCountMoved_DesiredCountUpdatedOnlyAfterAChange()
    {
        var tracker = new ServiceEventTracker();

        var first = tracker.EventsOf(Service("COMPLETED", 3, desired: 3), [], s_builder, s_now);
        var same = tracker.EventsOf(Service("COMPLETED", 3, desired: 3), [], s_builder, s_now);
        var moved = tracker.EventsOf(Service("COMPLETED", 3, desired: 5), [], s_builder, s_now);

        Assert.DoesNotContain(first, e => e.Kind == ServiceEventTracker.Desired);
        Assert.DoesNotContain(same, e => e.Kind == ServiceEventTracker.Desired);
        var updated = Assert.Single(moved, e => e.Kind == ServiceEventTracker.Desired).Event;
        Assert.Equal("SERVICE_DESIRED_COUNT_UPDATED", updated.Detail["eventName"]!.GetValue<string>());
    }

    [Fact]
    public void EventsOf_UnschedulablePod_PlacementFailureWithTheSchedulersMessage()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-1", Uid = "pod-1", CreationTimestamp = s_now.UtcDateTime },
            Status = new V1PodStatus
            {
                Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/2 nodes are available: 2 Insufficient memory.", LastTransitionTime = s_now.UtcDateTime }],
            },
        };

        var events = new ServiceEventTracker().EventsOf(Service("IN_PROGRESS", 0, desired: 1), [pod], s_builder, s_now);

        var placement = Assert.Single(events, e => e.Kind == ServiceEventTracker.Placement).Event;
        Assert.Equal("SERVICE_TASK_PLACEMENT_FAILURE", placement.Detail["eventName"]!.GetValue<string>());
        Assert.Equal("0/2 nodes are available: 2 Insufficient memory.", placement.Detail["reason"]!.GetValue<string>());
    }

    [Fact]
    public void EventsOf_SameStatusTwice_SameEventIds()
    {
        var first = new ServiceEventTracker().EventsOf(Service("COMPLETED", 3, desired: 3), [], s_builder, s_now);
        var again = new ServiceEventTracker().EventsOf(Service("COMPLETED", 3, desired: 3), [], s_builder, s_now.AddHours(1));

        Assert.Equal(first.Select(e => e.Event.Id), again.Select(e => e.Event.Id));
    }

    private static EcsService Service(string rollout, int running, int desired) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns", Uid = "5d1e2a9c-0000-4000-8000-000000000001", Generation = 4 },
        Spec = new EcsServiceSpec { Cluster = "prod" },
        Status = new EcsServiceStatus
        {
            DesiredCount = desired,
            RunningCount = running,
            Deployments =
            [
                new ServiceDeployment
                {
                    Id = "ecs-svc/42",
                    Status = "PRIMARY",
                    RolloutState = rollout,
                    RolloutStateReason = rollout == "FAILED" ? "tasks failed to start" : null,
                    UpdatedAt = s_now.UtcDateTime.AddMinutes(-1),
                },
            ],
        },
    };
}
