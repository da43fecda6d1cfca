using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads.Keda;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Application Auto Scaling for a service. Where KEDA is installed (<see cref="ClusterCapabilities.KedaApiVersion"/>):
/// one ScaledObject whose triggers are the policies' metrics (<see cref="KedaTriggers"/>) and, for the AWS scalers,
/// a TriggerAuthentication; KEDA then runs the service's one HPA. Otherwise a HorizontalPodAutoscaler. Either way the
/// scale target is the EcsService itself (as ECS scaling adjusts the service's desiredCount, through its scale
/// subresource); the operator splits the resulting desiredCount over the Deployments. The HPA's External metric
/// names:
/// <list type="bullet">
/// <item>ALBRequestCountPerTarget → <c>alb_request_count_per_target</c>, selected by <c>load_balancer</c> and
/// <c>target_group</c> labels parsed from the ResourceLabel.</item>
/// <item>A customized or step-scaling metric → <c>&lt;namespace&gt;_&lt;metricName&gt;</c> lowercased, every
/// character outside [a-z0-9_] as <c>_</c> (AWS/SQS ApproximateNumberOfMessagesVisible →
/// <c>aws_sqs_approximatenumberofmessagesvisible</c>), selected by its dimensions.</item>
/// </list>
/// An External metrics adapter (KEDA, the CloudWatch adapter, a Prometheus adapter) must serve those names.
/// </summary>
public static class AutoScalingRenderer
{
    private const string Prefix = "service.autoScaling.";
    private const string ScalingPath = "service.autoScaling";

    /// <summary>
    /// KEDA's ScaledObject (and TriggerAuthentication) or the HPA; nothing when there is nothing to scale on (no
    /// dynamic policy). Their min/max replicas are the bounds in force (<paramref name="bounds"/>: the registered ones
    /// as the scheduled actions that ran set them); <see cref="RenderRequest.Now"/> is null offline, where no action
    /// has run and the registered bounds hold.
    /// </summary>
    public static List<IKubernetesObject<V1ObjectMeta>> Render(
        ServiceAutoScaling scaling,
        ScheduledScalingResult bounds,
        RenderRequest request,
        string name,
        string ns,
        IReadOnlyDictionary<string, string> labels,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        if (!ValidCapacity(scaling, report))
        {
            return [];
        }

        var keda = request.Capabilities.KedaApiVersion is { } kedaVersion
            ? new KedaTarget(
                kedaVersion, request.AwsRegion, request.AwsAccount, request.TaskDefinition.Spec.TaskRoleArn is { Length: > 0 } role ? role : null,
                request.Cluster?.Metadata?.Annotations?.TryGetValue(WellKnownAnnotations.KedaAwsCredentials, out var secret) == true && secret.Length > 0 ? secret : null)
            : null;
        var metrics = new List<V2MetricSpec>();
        var triggers = new List<ScaledObjectTrigger>();
        var behavior = new ScalingBehavior();
        MapTargetTracking(scaling, keda, metrics, triggers, behavior, report);
        MapStepScaling(scaling, keda, metrics, triggers, behavior, report);
        MapSuspendedState(scaling.SuspendedState, behavior, report);
        var dynamic = metrics.Count > 0 || triggers.Count > 0;
        var scaler = keda is null ? "HPA" : "ScaledObject";
        ReportCapacity(scaling, dynamic, keda is not null && triggers.Any(t => t.Type is not ("cpu" or "memory")), scaler, report);
        MapScheduledActions(scaling, bounds, dynamic ? scaler : null, request.Now is not null, report);

        if (!dynamic)
        {
            report.Mapped(ScalingPath, "no dynamic scaling policy: no HPA; desiredCount is clamped into [minCapacity, maxCapacity] (a scalable target alone bounds it, as in ECS)");
            return [];
        }

        if (keda is not null)
        {
            return KedaScaling.Build(keda, name, ns, labels, bounds, triggers, behavior.Build(), report);
        }

        // An HPA holds neither 0 replicas nor a maximum below its minimum; the desiredCount clamp still holds the
        // Deployments at 0 when the bounds say so (and an HPA does not scale a target that runs no task).
        var min = Math.Max(bounds.MinCapacity, 1);
        var max = Math.Max(bounds.MaxCapacity, min);
        return [BuildHorizontalPodAutoscaler(name, ns, labels, request.Capabilities, min, max, metrics, behavior.Build())];
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

    // toZero: KEDA with a trigger other than cpu and memory, where minCapacity 0 scales to zero when idle.
    private static void ReportCapacity(ServiceAutoScaling scaling, bool dynamic, bool toZero, string scaler, TranslationReport report)
    {
        const string clamp = "desiredCount is clamped into [minCapacity, maxCapacity]";
        var (minField, maxField) = scaler == "HPA" ? ("minReplicas", "maxReplicas") : ("minReplicaCount", "maxReplicaCount");
        if (scaling.MinCapacity is { } given)
        {
            if (!dynamic)
            {
                report.Mapped(Prefix + "minCapacity", clamp);
            }
            else if (given == 0 && !toZero)
            {
                report.Approximated(Prefix + "minCapacity", scaler == "HPA"
                    ? $"HPA minReplicas 1: an HPA scales to zero only behind the HPAScaleToZero feature gate; {clamp}"
                    : $"ScaledObject minReplicaCount 1: KEDA scales to zero only on a trigger other than cpu and memory; {clamp}");
            }
            else
            {
                report.Mapped(Prefix + "minCapacity", $"{scaler} {minField}; {clamp}");
            }
        }

        report.Mapped(Prefix + "maxCapacity", dynamic ? $"{scaler} {maxField}; {clamp}" : clamp);
    }

    private static void MapTargetTracking(
        ServiceAutoScaling scaling, KedaTarget? keda, List<V2MetricSpec> metrics, List<ScaledObjectTrigger> triggers, ScalingBehavior behavior, TranslationReport report)
    {
        for (var i = 0; i < (scaling.TargetTrackingPolicies?.Count ?? 0); i++)
        {
            var policy = scaling.TargetTrackingPolicies![i];
            var path = $"{Prefix}targetTrackingPolicies[{i}]";
            report.Mapped(path, keda is null
                ? "one HPA metric; like Application Auto Scaling with several policies, the HPA follows the one asking for the most tasks"
                : "one trigger of the ScaledObject; like Application Auto Scaling with several policies, KEDA's HPA follows the one asking for the most tasks");
            report.AddIfSet(policy.PolicyName, path, ".policyName", Disposition.Mapped, "kept in the report only");

            if (policy.TargetValue is not { } target || target <= 0)
            {
                report.Rejected(path, "targetValue must be greater than 0");
                continue;
            }

            if (keda is not null)
            {
                if (KedaTriggers.TargetTracking(policy, target, path, keda, report) is { } trigger)
                {
                    triggers.Add(trigger);
                }
            }
            else if (AutoScalingMetrics.TargetMetric(policy, target, path, report) is { } metric)
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

    private static void MapStepScaling(
        ServiceAutoScaling scaling, KedaTarget? keda, List<V2MetricSpec> metrics, List<ScaledObjectTrigger> triggers, ScalingBehavior behavior, TranslationReport report)
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
            else if (keda is not null)
            {
                report.Approximated(path, "a trigger with the alarm threshold as its target; the step bands become HPA behavior policies (rate limits), not exact steps");
                if (KedaTriggers.Step(policy.Metric, policy.Threshold.Value, path + ".metric", keda, report) is { } trigger)
                {
                    triggers.Add(trigger);
                }

                report.Mapped(path + ".threshold", "the trigger's target");
            }
            else
            {
                report.Approximated(path, "an External metric with the alarm threshold as its target; the step bands become HPA behavior policies (rate limits), not exact steps");
                if (AutoScalingMetrics.ExternalMetric(policy.Metric, policy.Threshold.Value, path + ".metric", report) is { } metric)
                {
                    metrics.Add(metric);
                }

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
            report.AddIfSet(policy.MetricAggregationType, path, ".metricAggregationType", Disposition.Approximated,
                keda is null ? "the metrics adapter decides the aggregation" : "the scaler's statistic decides the aggregation");
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
    /// and in the render only through the bounds in force (of the HPA or ScaledObject that <c>scaler</c> names; null
    /// when neither is rendered).
    /// </summary>
    private static void MapScheduledActions(ServiceAutoScaling scaling, ScheduledScalingResult bounds, string? scaler, bool timed, TranslationReport report)
    {
        foreach (var error in bounds.Errors)
        {
            report.Rejected(error.Path, error.Reason);
        }

        var effect = scaler switch
        {
            "HPA" => "sets the HPA's minReplicas/maxReplicas to the bounds the action sets",
            null => "clamps desiredCount into the bounds the action sets",
            _ => "sets the ScaledObject's minReplicaCount/maxReplicaCount to the bounds the action sets (KEDA updates its HPA)",
        };
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
