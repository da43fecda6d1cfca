using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Runtime.Events;

namespace EcsOnK8s.Controllers.Tests.Services;

public class ServiceStatusCalculatorTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ServiceObservation Observe(
        string td, EcsServiceStatus? previous, DateTime now, params WorkloadObservation[] workloads) => new()
        {
            ServiceName = "web",
            ServiceUid = "uid-1",
            Generation = 3,
            DesiredCount = 2,
            RequestedTaskDefinition = td,
            EffectiveTaskDefinition = td,
            Workloads = workloads,
            Selector = "ecsonk8s.io/service=web",
            Previous = previous,
            Now = now,
            CircuitBreakerEnabled = true,
            Rollback = true,
        };

    private static WorkloadObservation Steady(string td) => new("web", td, 2, 2, 2, 2, 2, true, false);

    [Fact]
    public void Compute_PodsRefusedByAdmission_PodsAdmittedFalseWithTheMessageThenTrueOnceCreated()
    {
        const string refusal = "pods \"web-5d9f-x\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false";
        var refused = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, new WorkloadObservation("web", "web:1", 2, 0, 0, 0, 0, true, false, refusal)));

        var condition = refused.Status.Conditions!.Single(c => c.Type == ConditionTypes.PodsAdmitted);
        Assert.Equal(("False", ConditionReasons.PodsRefused), (condition.Status, condition.Reason));
        Assert.Equal("Kubernetes refuses the pods of web: " + refusal, condition.Message);

        var created = ServiceStatusCalculator.Compute(Observe("web:1", refused.Status, T0.AddMinutes(1), Steady("web:1")));
        condition = created.Status.Conditions!.Single(c => c.Type == ConditionTypes.PodsAdmitted);
        Assert.Equal(("True", ConditionReasons.PodsCreated), (condition.Status, condition.Reason));
    }

    [Fact]
    public void Compute_PodsNeverRefused_NoPodsAdmittedCondition()
    {
        var result = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1")));

        Assert.DoesNotContain(result.Status.Conditions!, c => c.Type == ConditionTypes.PodsAdmitted);
    }

    [Fact]
    public void Compute_FirstPassNoPods_InProgressWithPendingNothingRunning()
    {
        var result = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, new WorkloadObservation("web", "web:1", 2, 2, 2, 0, 0, true, false)));

        var primary = Assert.Single(result.Status.Deployments!);
        Assert.Equal(("PRIMARY", "IN_PROGRESS", "web:1"), (primary.Status, primary.RolloutState, primary.TaskDefinition));
        Assert.Equal((0, 2), (result.Status.RunningCount, result.Status.PendingCount));
        Assert.StartsWith("ecs-svc/", primary.Id, StringComparison.Ordinal);
        Assert.Equal(27, primary.Id!.Length);
        Assert.Equal("True", result.Status.Conditions!.Single(c => c.Type == ConditionTypes.Progressing).Status);
        Assert.Equal("False", result.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
    }

    [Fact]
    public void Compute_FirstPassWithTasks_ReportsThemStarted()
    {
        var result = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, new WorkloadObservation("web", "web:1", 2, 2, 2, 0, 0, true, false)));

        Assert.Contains(new ServiceEventNotice(EcsEvents.ServiceProgress, "service web has started 2 tasks."), result.NewEvents);
    }

    [Fact]
    public void Compute_AllTasksUp_CompletedSteadyStateEventAndStartedEvent()
    {
        var first = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, new WorkloadObservation("web", "web:1", 2, 0, 0, 0, 0, true, false)));

        var second = ServiceStatusCalculator.Compute(Observe("web:1", first.Status, T0.AddMinutes(1), Steady("web:1")));

        Assert.Equal("COMPLETED", second.Status.Deployments![0].RolloutState);
        Assert.Equal((2, 0), (second.Status.RunningCount, second.Status.PendingCount));
        Assert.Contains(new ServiceEventNotice(EcsEvents.ServiceProgress, "service web has started 2 tasks."), second.NewEvents);
        Assert.Contains(new ServiceEventNotice(EcsEvents.ServiceProgress, "service web has reached a steady state."), second.NewEvents);
        Assert.Equal("service web has reached a steady state.", second.Status.Events![0].Message);
        Assert.Equal("True", second.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
        Assert.Equal(first.Status.Deployments![0].Id, second.Status.Deployments[0].Id);
    }

    [Fact]
    public void Compute_ServiceNamedAfterAFailure_ProgressStaysNormal()
    {
        // The event's type comes from which event it is, not from words in its message (here, the service's name).
        var result = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, new WorkloadObservation("web", "web:1", 2, 2, 2, 0, 0, true, false))
            with { ServiceName = "failed-payments-rolling back" });

        var started = Assert.Single(result.NewEvents);
        Assert.Equal(EventType.Normal, started.Kind.Type);
        Assert.Contains("failed-payments", started.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SteadyAgain_NoNewEventsAndSameStatus()
    {
        var steady = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1")));

        var again = ServiceStatusCalculator.Compute(Observe("web:1", steady.Status, T0.AddMinutes(5), Steady("web:1")));

        Assert.Empty(again.NewEvents);
        Assert.Equal(k8s.KubernetesJson.Serialize(steady.Status), k8s.KubernetesJson.Serialize(again.Status));
    }

    [Fact]
    public void Compute_NewRevision_OldDeploymentActiveUntilNewOneCompletes()
    {
        var v1 = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1"))).Status;

        var rolling = ServiceStatusCalculator.Compute(Observe("web:2", v1, T0.AddMinutes(1),
            new WorkloadObservation("web", "web:2", 2, 3, 1, 2, 2, true, false)));

        Assert.Equal(["PRIMARY", "ACTIVE"], rolling.Status.Deployments!.Select(d => d.Status));
        Assert.Equal(["web:2", "web:1"], rolling.Status.Deployments!.Select(d => d.TaskDefinition));
        Assert.Equal("IN_PROGRESS", rolling.Status.Deployments![0].RolloutState);
        Assert.Contains(rolling.NewEvents, e => e.Kind == EcsEvents.ServiceProgress && e.Message.StartsWith("service web has begun a deployment of web:2", StringComparison.Ordinal));

        var done = ServiceStatusCalculator.Compute(Observe("web:2", rolling.Status, T0.AddMinutes(2), Steady("web:2")));

        var primary = Assert.Single(done.Status.Deployments!);
        Assert.Equal(("web:2", "COMPLETED"), (primary.TaskDefinition, primary.RolloutState));
    }

    [Fact]
    public void Compute_ProgressDeadlineExceededWithCircuitBreaker_FailedAndEvent()
    {
        var v1 = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1"))).Status;

        var failed = ServiceStatusCalculator.Compute(Observe("web:2", v1, T0.AddMinutes(11),
            new WorkloadObservation("web", "web:2", 2, 3, 1, 2, 2, true, true)));

        Assert.Equal("FAILED", failed.Status.Deployments![0].RolloutState);
        Assert.Contains(failed.NewEvents, e => e.Kind == EcsEvents.RolloutFailed && e.Message.Contains("deployment failed", StringComparison.Ordinal));
        Assert.Equal("True", failed.Status.Conditions!.Single(c => c.Type == ConditionTypes.Degraded).Status);
    }

    [Fact]
    public void Compute_ProgressDeadlineExceededWithoutCircuitBreaker_KeepsTrying()
    {
        var observation = Observe("web:2", null, T0, new WorkloadObservation("web", "web:2", 2, 2, 2, 0, 0, true, true))
            with { CircuitBreakerEnabled = false };

        Assert.Equal("IN_PROGRESS", ServiceStatusCalculator.Compute(observation).Status.Deployments![0].RolloutState);
    }

    [Fact]
    public void Compute_FailedTasksReachThreshold_Failed()
    {
        var observation = Observe("web:1", null, T0, new WorkloadObservation("web", "web:1", 2, 2, 2, 0, 0, true, false))
            with { NewlyFailedTasks = 3 };

        var result = ServiceStatusCalculator.Compute(observation);

        Assert.Equal("FAILED", result.Status.Deployments![0].RolloutState);
        Assert.Equal(3, result.Status.Deployments![0].FailedTasks);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(6, 3)]
    [InlineData(10, 5)]
    [InlineData(11, 6)]
    [InlineData(1000, 200)]
    public void FailureThreshold_DesiredCount_HalfClampedTo3And200(int desired, int threshold) =>
        Assert.Equal(threshold, ServiceStatusCalculator.FailureThreshold(desired));

    [Fact]
    public void RevisionChoice_FailedRevisionWithRollback_ReturnsToLastCompleted()
    {
        var v1 = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1"))).Status;
        var failed = ServiceStatusCalculator.Compute(Observe("web:2", v1, T0.AddMinutes(11),
            new WorkloadObservation("web", "web:2", 2, 3, 1, 2, 2, true, true))).Status;

        Assert.Equal("web:1", RevisionChoice.Choose("web:2", failed, rollback: true));
        Assert.Equal("web:2", RevisionChoice.Choose("web:2", failed, rollback: false));
        Assert.Equal("web:3", RevisionChoice.Choose("web:3", failed, rollback: true));
    }

    [Fact]
    public void Compute_RollingBack_EventConditionAndFailedMarkerKept()
    {
        var v1 = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1"))).Status;
        var failed = ServiceStatusCalculator.Compute(Observe("web:2", v1, T0.AddMinutes(11),
            new WorkloadObservation("web", "web:2", 2, 3, 1, 2, 2, true, true))).Status;
        var effective = RevisionChoice.Choose("web:2", failed, rollback: true);

        var rollingBack = ServiceStatusCalculator.Compute(Observe("web:2", failed, T0.AddMinutes(12), Steady("web:1"))
            with { EffectiveTaskDefinition = effective });

        Assert.Equal("web:1", rollingBack.Status.TaskDefinition);
        Assert.Contains(rollingBack.NewEvents, e => e.Kind == EcsEvents.RolloutFailed && e.Message.Contains("rolling back to web:1", StringComparison.Ordinal));
        var marker = Assert.Single(rollingBack.Status.Deployments!, d => d.Status == "INACTIVE");
        Assert.Equal(("web:2", "FAILED"), (marker.TaskDefinition, marker.RolloutState));
        var degraded = rollingBack.Status.Conditions!.Single(c => c.Type == ConditionTypes.Degraded);
        Assert.Equal(("True", ConditionReasons.RolledBack), (degraded.Status, degraded.Reason));

        // The failed revision stays remembered, so the next pass still chooses the rollback target.
        Assert.Equal("web:1", RevisionChoice.Choose("web:2", rollingBack.Status, rollback: true));
    }

    [Fact]
    public void Compute_ManyPasses_EventsCappedNewestFirst()
    {
        EcsServiceStatus? status = null;
        for (var i = 0; i < 120; i++)
        {
            var ready = i % 2 == 0 ? 2 : 1;
            status = ServiceStatusCalculator.Compute(Observe("web:1", status, T0.AddMinutes(i),
                new WorkloadObservation("web", "web:1", 2, ready, ready, ready, ready, true, false))).Status;
        }

        Assert.Equal(ServiceStatusCalculator.MaxEvents, status!.Events!.Count);
        Assert.True(status.Events[0].CreatedAt >= status.Events[^1].CreatedAt);
    }

    // Running counts of passes made within one second: tasks that start or stop one at a time repeat a message.
    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 2, 1, 2, 1, 2 })]
    [InlineData(new[] { 0, 2, 0, 2 })]
    public void Compute_SameMessageTwiceWithinOneSecond_EveryEventIdUnique(int[] counts)
    {
        EcsServiceStatus? status = null;
        foreach (var count in counts)
        {
            status = ServiceStatusCalculator.Compute(Observe("web:1", status, T0,
                new WorkloadObservation("web", "web:1", 2, count, count, count, count, true, false))).Status;
        }

        var ids = status!.Events!.Select(e => e.Id).ToList();
        Assert.True(ids.Count >= counts.Length - 1, string.Join(", ", status.Events!.Select(e => e.Message)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Compute_SamePassTwice_SameEventIds()
    {
        var first = ServiceStatusCalculator.Compute(Observe("web:1", null, T0, Steady("web:1"))).Status;
        var observation = Observe("web:1", first, T0, new WorkloadObservation("web", "web:1", 2, 1, 1, 1, 1, true, false));

        // A pass repeated on the same status (a retry after a conflict) announces the same events, not new ones.
        Assert.Equal(
            ServiceStatusCalculator.Compute(observation).Status.Events!.Select(e => e.Id),
            ServiceStatusCalculator.Compute(observation).Status.Events!.Select(e => e.Id));
    }
}
