using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Application Auto Scaling for a service as a HorizontalPodAutoscaler whose scale target is the EcsService
/// itself (as ECS scaling adjusts the service's desiredCount); the operator splits the resulting desiredCount over
/// the Deployments. Metric names for External metrics:
/// <list type="bullet">
/// <item>ALBRequestCountPerTarget → <c>alb_request_count_per_target</c>, selected by <c>load_balancer</c> and
/// <c>target_group</c> labels parsed from the ResourceLabel.</item>
/// <item>A customized or step-scaling metric → <c>&lt;namespace&gt;_&lt;metricName&gt;</c> lowercased, every
/// character outside [a-z0-9_] as <c>_</c> (AWS/SQS ApproximateNumberOfMessagesVisible →
/// <c>aws_sqs_approximatenumberofmessagesvisible</c>), selected by its dimensions.</item>
/// </list>
/// A metrics adapter (Prometheus adapter, KEDA, the CloudWatch adapter) must serve those names.
/// </summary>
public static class AutoScalingRenderer
{
    private const string Prefix = "service.autoScaling.";
    private const string ScalingPath = "service.autoScaling";

    /// <summary>
    /// The HPA, or null when there is nothing for an HPA to do (no dynamic policy). Its minReplicas/maxReplicas are
    /// the bounds in force (<paramref name="bounds"/>: the registered ones as the scheduled actions that ran set them);
    /// <paramref name="timed"/> is false offline, where no action has run and the registered bounds hold.
    /// </summary>
    public static V2HorizontalPodAutoscaler? Render(
        ServiceAutoScaling scaling,
        ScheduledScalingResult bounds,
        bool timed,
        string name,
        string ns,
        IReadOnlyDictionary<string, string> labels,
        ClusterCapabilities capabilities,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(report);
        if (!ValidCapacity(scaling, report))
        {
            return null;
        }

        var metrics = new List<V2MetricSpec>();
        var behavior = new ScalingBehavior();
        MapTargetTracking(scaling, metrics, behavior, report);
        MapStepScaling(scaling, metrics, behavior, report);
        MapSuspendedState(scaling.SuspendedState, behavior, report);
        var hpa = metrics.Count > 0;
        ReportCapacity(scaling, hpa, report);
        MapScheduledActions(scaling, bounds, hpa, timed, report);

        if (!hpa)
        {
            report.Mapped(ScalingPath, "no dynamic scaling policy: no HPA; desiredCount is clamped into [minCapacity, maxCapacity] (a scalable target alone bounds it, as in ECS)");
            return null;
        }

        // An HPA holds neither 0 replicas nor a maximum below its minimum; the desiredCount clamp still holds the
        // Deployments at 0 when the bounds say so (and an HPA does not scale a target that runs no task).
        var min = Math.Max(bounds.MinCapacity, 1);
        var max = Math.Max(bounds.MaxCapacity, min);
        return BuildHorizontalPodAutoscaler(name, ns, labels, capabilities, min, max, metrics, behavior.Build());
    }

    /// <summary>False (with the rejection reported) when the registered bounds are refused.</summary>
    private static bool ValidCapacity(ServiceAutoScaling scaling, TranslationReport report)
    {
        var min = scaling.MinCapacity ?? ScheduledScaling.DefaultMinCapacity;
        var max = scaling.MaxCapacity;
        if (max is null)
        {
            report.Rejected(ScalingPath, "maxCapacity is required (register-scalable-target)");
            return false;
        }

        if (max < min)
        {
            report.Rejected(ScalingPath, $"maxCapacity {max} is below minCapacity {min}");
            return false;
        }

        if (max == 0)
        {
            report.Rejected(ScalingPath, "maxCapacity 0: an HPA needs at least one replica");
            return false;
        }

        return true;
    }

    private static void ReportCapacity(ServiceAutoScaling scaling, bool hpa, TranslationReport report)
    {
        const string clamp = "desiredCount is clamped into [minCapacity, maxCapacity]";
        if (scaling.MinCapacity is { } given)
        {
            if (!hpa)
            {
                report.Mapped(Prefix + "minCapacity", clamp);
            }
            else if (given == 0)
            {
                report.Approximated(Prefix + "minCapacity", $"HPA minReplicas 1: an HPA scales to zero only behind the HPAScaleToZero feature gate; {clamp}");
            }
            else
            {
                report.Mapped(Prefix + "minCapacity", $"HPA minReplicas; {clamp}");
            }
        }

        report.Mapped(Prefix + "maxCapacity", hpa ? $"HPA maxReplicas; {clamp}" : clamp);
    }

    private static void MapTargetTracking(ServiceAutoScaling scaling, List<V2MetricSpec> metrics, ScalingBehavior behavior, TranslationReport report)
    {
        for (var i = 0; i < (scaling.TargetTrackingPolicies?.Count ?? 0); i++)
        {
            var policy = scaling.TargetTrackingPolicies![i];
            var path = $"{Prefix}targetTrackingPolicies[{i}]";
            report.Mapped(path, "one HPA metric; like Application Auto Scaling with several policies, the HPA follows the one asking for the most tasks");
            report.AddIfSet(policy.PolicyName, path, ".policyName", Disposition.Mapped, "kept in the report only");

            if (policy.TargetValue is not { } target || target <= 0)
            {
                report.Rejected(path, "targetValue must be greater than 0");
                continue;
            }

            var metric = AutoScalingMetrics.TargetMetric(policy, target, path, report);
            if (metric is not null)
            {
                metrics.Add(metric);
            }

            if (policy.ScaleOutCooldown is { } outCooldown)
            {
                behavior.ExtendScaleUpWindow(Math.Clamp(outCooldown, 0, 3600));
                report.Approximated(path + ".scaleOutCooldown", "scaleUp stabilizationWindowSeconds (the largest over the policies, at most 3600): a window smooths the recommendation, a cooldown waits after an activity");
            }

            if (policy.ScaleInCooldown is { } inCooldown)
            {
                behavior.ExtendScaleDownWindow(Math.Clamp(inCooldown, 0, 3600));
                report.Approximated(path + ".scaleInCooldown", "scaleDown stabilizationWindowSeconds (the largest over the policies, at most 3600): a window smooths the recommendation, a cooldown waits after an activity");
            }

            if (policy.DisableScaleIn == true)
            {
                behavior.DisableScaleDown();
                report.Mapped(path + ".disableScaleIn", "scaleDown selectPolicy Disabled (Application Auto Scaling scales in only when every policy agrees)");
            }
            else if (policy.DisableScaleIn is not null)
            {
                report.Mapped(path + ".disableScaleIn", "scale-in allowed");
            }
        }
    }

    private static void MapStepScaling(ServiceAutoScaling scaling, List<V2MetricSpec> metrics, ScalingBehavior behavior, TranslationReport report)
    {
        for (var i = 0; i < (scaling.StepScalingPolicies?.Count ?? 0); i++)
        {
            var policy = scaling.StepScalingPolicies![i];
            var path = $"{Prefix}stepScalingPolicies[{i}]";
            report.AddIfSet(policy.PolicyName, path, ".policyName", Disposition.Mapped, "kept in the report only");

            if (policy.Metric is null || policy.Threshold is null)
            {
                report.Approximated(path, "without metric and threshold (on the CloudWatch alarm in AWS) the policy only bounds the HPA's rate of change");
            }
            else
            {
                report.Approximated(path, "an External metric with the alarm threshold as its target; the step bands become HPA behavior policies (rate limits), not exact steps");
                metrics.Add(AutoScalingMetrics.ExternalMetric(policy.Metric, AutoScalingMetrics.Quantity(policy.Threshold.Value), path + ".metric", report));
                report.Mapped(path + ".threshold", "the External metric's target value");
            }

            var period = Math.Clamp(policy.Cooldown ?? 300, 1, 1800);
            if (policy.Cooldown is not null)
            {
                report.Approximated(path + ".cooldown", $"periodSeconds {period} of the behavior policies");
            }

            for (var j = 0; j < (policy.StepAdjustments?.Count ?? 0); j++)
            {
                MapStepAdjustment(policy, policy.StepAdjustments![j], $"{path}.stepAdjustments[{j}]", period, behavior, report);
            }

            report.AddIfSet(policy.AdjustmentType, path, ".adjustmentType", Disposition.Mapped, policy.AdjustmentType == "PercentChangeInCapacity" ? "Percent policies" : "Pods policies");
            report.AddIfSet(policy.MinAdjustmentMagnitude, path, ".minAdjustmentMagnitude", Disposition.Ignored, "HPA policies have no minimum step");
            report.AddIfSet(policy.MetricAggregationType, path, ".metricAggregationType", Disposition.Approximated, "the metrics adapter decides the aggregation");
        }
    }

    private static void MapStepAdjustment(StepScalingPolicy policy, StepAdjustment adjustment, string path, int period, ScalingBehavior behavior, TranslationReport report)
    {
        if (adjustment.ScalingAdjustment is not { } amount || amount == 0 || policy.AdjustmentType == "ExactCapacity")
        {
            report.Approximated(path, policy.AdjustmentType == "ExactCapacity"
                ? "ExactCapacity has no HPA behavior counterpart: the metric target drives the count"
                : "an adjustment of 0 changes nothing");
            return;
        }

        var rateLimit = new V2HPAScalingPolicy
        {
            Type = policy.AdjustmentType == "PercentChangeInCapacity" ? "Percent" : "Pods",
            Value = Math.Abs(amount),
            PeriodSeconds = period,
        };
        behavior.AddPolicy(rateLimit, scaleUp: amount > 0);
        report.Approximated(path, $"{(amount > 0 ? "scaleUp" : "scaleDown")} policy: at most {Math.Abs(amount)} {(rateLimit.Type == "Percent" ? "percent" : "pods")} per {period}s; the metric bounds of the step are not expressible");
    }

    private static void MapSuspendedState(SuspendedState? suspended, ScalingBehavior behavior, TranslationReport report)
    {
        if (suspended is null)
        {
            return;
        }

        if (suspended.DynamicScalingInSuspended == true)
        {
            behavior.DisableScaleDown();
        }

        if (suspended.DynamicScalingOutSuspended == true)
        {
            behavior.DisableScaleUp();
        }

        report.Mapped(Prefix + "suspendedState.dynamicScalingInSuspended", "scaleDown selectPolicy Disabled when true");
        report.Mapped(Prefix + "suspendedState.dynamicScalingOutSuspended", "scaleUp selectPolicy Disabled when true");
        report.Mapped(Prefix + "suspendedState.scheduledScalingSuspended", "when true the operator runs no scheduled action: the registered bounds hold");
        report.Mapped(Prefix + "suspendedState", "dynamic scaling suspension as disabled HPA directions");
    }

    /// <summary>
    /// Scheduled actions are the operator's to run at their times (<see cref="ScheduledScaling"/>): validated here,
    /// and in the render only through the bounds in force.
    /// </summary>
    private static void MapScheduledActions(ServiceAutoScaling scaling, ScheduledScalingResult bounds, bool hpa, bool timed, TranslationReport report)
    {
        foreach (var error in bounds.Errors)
        {
            report.Rejected(error.Path, error.Reason);
        }

        var effect = hpa ? "sets the HPA's minReplicas/maxReplicas to the bounds the action sets" : "clamps desiredCount into the bounds the action sets";
        var reason = timed
            ? $"the operator {effect} at the scheduled times (the latest action wins, field by field)"
            : $"the operator {effect} at the scheduled times; this offline output holds the registered bounds";
        for (var i = 0; i < (scaling.ScheduledActions?.Count ?? 0); i++)
        {
            var action = scaling.ScheduledActions![i];
            var path = $"{Prefix}scheduledActions[{i}]";
            if (bounds.Errors.Any(e => e.Path.StartsWith(path + ".", StringComparison.Ordinal)))
            {
                continue;
            }

            report.Mapped(path, reason);
            report.AddIfSet(action.Timezone, path, ".timezone", Disposition.Mapped, "the zone of the schedule's times, daylight saving included");
            report.AddIfSet(action.StartTime, path, ".startTime", Disposition.Mapped, "no fire time before it");
            report.AddIfSet(action.EndTime, path, ".endTime", Disposition.Mapped, "no fire time after it; the bounds it set stay");
        }
    }

    private static V2HorizontalPodAutoscaler BuildHorizontalPodAutoscaler(
        string name,
        string ns,
        IReadOnlyDictionary<string, string> labels,
        ClusterCapabilities capabilities,
        int min,
        int max,
        List<V2MetricSpec> metrics,
        V2HorizontalPodAutoscalerBehavior? behavior) => new()
    {
        ApiVersion = capabilities.HpaApiVersion,
        Kind = "HorizontalPodAutoscaler",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = WorkloadLabels.Copy(labels) },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = EcsApi.ApiVersion, Kind = EcsService.KindName, Name = name },
            MinReplicas = min,
            MaxReplicas = max,
            Metrics = metrics,
            Behavior = behavior,
        },
    };
}
