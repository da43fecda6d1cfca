using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>
/// What the bounds in force do to a service's render: the HPA's minReplicas/maxReplicas with a dynamic policy,
/// the Deployments' replicas (desiredCount clamped) always; and what the report says about it.
/// </summary>
public class ScheduledScalingRenderTests
{
    private static readonly DateTimeOffset Morning = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static ServiceAutoScaling Scaling(bool policy, params ScheduledAction[] actions) => new()
    {
        MinCapacity = 2,
        MaxCapacity = 10,
        TargetTrackingPolicies = policy
            ? [new TargetTrackingPolicy { TargetValue = 60, PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = "ECSServiceAverageCPUUtilization" } }]
            : null,
        ScheduledActions = [.. actions],
    };

    private static ScheduledAction Action(string schedule, int? min, int? max) => new()
    {
        ScheduledActionName = "act",
        Schedule = schedule,
        ScalableTargetAction = new ScalableTargetAction { MinCapacity = min, MaxCapacity = max },
    };

    private static RenderResult Render(ServiceAutoScaling scaling, int? desired, DateTimeOffset? now) => Renderer.Render(Request(scaling, desired, now));

    private static RenderRequest Request(ServiceAutoScaling scaling, int? desired, DateTimeOffset? now) => new()
    {
        TaskDefinition = new ResolvedTaskDefinition("web", 1, new EcsTaskDefinitionSpec
        {
            Family = "web",
            ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx", Memory = 128 }],
        }),
        Service = new EcsService
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            Spec = new EcsServiceSpec { DesiredCount = desired, AutoScaling = scaling },
        },
        Now = now,
    };

    private static int Replicas(RenderResult result) => result.Objects.OfType<V1Deployment>().Sum(d => d.Spec.Replicas ?? 0);

    private static ReportEntry Entry(RenderResult result, string path) => Assert.Single(result.Report.Entries, e => e.Path == path);

    [Fact]
    public void Render_DynamicPolicyAndAnActionThatRan_HpaHoldsTheBoundsInForce()
    {
        var result = Render(Scaling(true, Action("at(2026-06-01T08:00:00)", 5, 20)), desired: 3, Morning);

        var hpa = Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal((5, 20), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        Assert.Equal(5, Replicas(result));
        Assert.Contains("the operator sets the HPA's minReplicas/maxReplicas", Entry(result, "service.autoScaling.scheduledActions[0]").Reason, StringComparison.Ordinal);
    }

    // The operator evaluates the scheduled actions once per reconcile and hands the bounds to the render.
    [Fact]
    public void Render_BoundsEvaluatedByTheCaller_SameRenderAsEvaluatedHere()
    {
        var request = Request(Scaling(true, Action("at(2026-06-01T08:00:00)", 5, 20)), desired: 3, Morning);
        var bounds = EcsOnK8s.Translation.Workloads.ServiceRenderer.ScalingBounds(request.Service!, Morning);

        var given = Renderer.Render(request with { ScalingBounds = bounds });
        var evaluated = Renderer.Render(request);

        Assert.Equal((5, 20), (bounds!.MinCapacity, bounds.MaxCapacity));
        Assert.Equal(evaluated.Objects.Select(o => k8s.KubernetesJson.Serialize(o)), given.Objects.Select(o => k8s.KubernetesJson.Serialize(o)));
        Assert.Equal(evaluated.Report.Entries, given.Report.Entries);
    }

    [Fact]
    public void Render_ActionNotYetDue_RegisteredBounds()
    {
        var result = Render(Scaling(true, Action("at(2026-06-01T10:00:00)", 5, 20)), desired: 3, Morning);

        var hpa = Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal((2, 10), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        Assert.Equal(3, Replicas(result));
    }

    [Fact]
    public void Render_Offline_RegisteredBoundsAndTheReasonSaysTheOperatorRunsTheActions()
    {
        var result = Render(Scaling(true, Action("at(2026-06-01T08:00:00)", 5, 20)), desired: 3, now: null);

        var hpa = Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal((2, 10), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        var entry = Entry(result, "service.autoScaling.scheduledActions[0]");
        Assert.Equal(Disposition.Mapped, entry.Disposition);
        Assert.Contains("at the scheduled times; this offline output holds the registered bounds", entry.Reason, StringComparison.Ordinal);
        Assert.StartsWith("HPA minReplicas", Entry(result, "service.autoScaling.minCapacity").Reason, StringComparison.Ordinal);
        Assert.StartsWith("HPA maxReplicas", Entry(result, "service.autoScaling.maxCapacity").Reason, StringComparison.Ordinal);
    }

    [Theory]
    // Registering a scalable target alone clamps desiredCount into [2, 10].
    [InlineData(1, null, 2)]
    [InlineData(50, null, 10)]
    [InlineData(4, null, 4)]
    [InlineData(null, null, 2)]
    // The action that ran (min 5, max 6) moves the bounds.
    [InlineData(1, "at(2026-06-01T08:00:00)", 5)]
    [InlineData(50, "at(2026-06-01T08:00:00)", 6)]
    public void Render_NoDynamicPolicy_NoHpaAndReplicasClampedIntoTheBoundsInForce(int? desired, string? schedule, int replicas)
    {
        var scaling = schedule is null ? Scaling(false) : Scaling(false, Action(schedule, 5, 6));

        var result = Render(scaling, desired, Morning);

        Assert.Empty(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal(replicas, Replicas(result));
        Assert.Equal("desiredCount is clamped into [minCapacity, maxCapacity]", Entry(result, "service.autoScaling.minCapacity").Reason);
        if (schedule is not null)
        {
            Assert.Contains("the operator clamps desiredCount", Entry(result, "service.autoScaling.scheduledActions[0]").Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_ActionSetsZeroCapacityWithAnHpa_HpaKeepsOneAndTheDeploymentRunsNone()
    {
        var result = Render(Scaling(true, Action("at(2026-06-01T08:00:00)", 0, 0)), desired: 3, Morning);

        var hpa = Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal((1, 1), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
        Assert.Equal(0, Replicas(result));
    }

    [Fact]
    public void Render_InvalidTimezone_RejectedWithThePathAndNoObjects()
    {
        var action = Action("cron(0 8 * * ? *)", 5, null);
        action.Timezone = "Europe/Atlantis";

        var result = Render(Scaling(true, action), desired: 3, Morning);

        Assert.True(result.Rejected);
        Assert.Empty(result.Objects);
        Assert.Contains("Europe/Atlantis", Entry(result, "service.autoScaling.scheduledActions[0].timezone").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScheduledScalingSuspended_RegisteredBoundsHold()
    {
        var scaling = Scaling(true, Action("at(2026-06-01T08:00:00)", 5, 20));
        scaling.SuspendedState = new SuspendedState { ScheduledScalingSuspended = true };

        var hpa = Assert.Single(Render(scaling, desired: 3, Morning).Objects.OfType<V2HorizontalPodAutoscaler>());

        Assert.Equal((2, 10), (hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas));
    }
}
