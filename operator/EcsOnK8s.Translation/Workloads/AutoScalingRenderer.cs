using System.Globalization;
using System.Text;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
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
    /// <summary>The HPA, or null when there is nothing for an HPA to do (no dynamic policy).</summary>
    public static V2HorizontalPodAutoscaler? Render(
        ServiceAutoScaling scaling,
        string name,
        string ns,
        IReadOnlyDictionary<string, string> labels,
        ClusterCapabilities capabilities,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(report);
        const string p = "service.autoScaling.";
        var min = scaling.MinCapacity ?? 1;
        var max = scaling.MaxCapacity;
        if (max is null)
        {
            report.Rejected(p.TrimEnd('.'), "maxCapacity is required (register-scalable-target)");
            return null;
        }

        if (max < min)
        {
            report.Rejected(p.TrimEnd('.'), $"maxCapacity {max} is below minCapacity {min}");
            return null;
        }

        if (max == 0)
        {
            report.Rejected(p.TrimEnd('.'), "maxCapacity 0: an HPA needs at least one replica");
            return null;
        }

        if (scaling.MinCapacity is { } given)
        {
            if (given == 0)
            {
                report.Approximated(p + "minCapacity", "minReplicas 1: an HPA scales to zero only behind the HPAScaleToZero feature gate");
                min = 1;
            }
            else
            {
                report.Mapped(p + "minCapacity", "HPA minReplicas");
            }
        }

        report.Mapped(p + "maxCapacity", "HPA maxReplicas");

        var metrics = new List<V2MetricSpec>();
        int? scaleUpWindow = null;
        int? scaleDownWindow = null;
        var scaleDownDisabled = false;
        var scaleUpPolicies = new List<V2HPAScalingPolicy>();
        var scaleDownPolicies = new List<V2HPAScalingPolicy>();

        for (var i = 0; i < (scaling.TargetTrackingPolicies?.Count ?? 0); i++)
        {
            var t = scaling.TargetTrackingPolicies![i];
            var path = $"{p}targetTrackingPolicies[{i}]";
            report.Mapped(path, "one HPA metric; like Application Auto Scaling with several policies, the HPA follows the one asking for the most tasks");
            report.AddIfSet(t.PolicyName, path, ".policyName", Disposition.Mapped, "kept in the report only");

            if (t.TargetValue is not { } target || target <= 0)
            {
                report.Rejected(path, "targetValue must be greater than 0");
                continue;
            }

            var metric = TargetMetric(t, target, path, report);
            if (metric is not null)
            {
                metrics.Add(metric);
            }

            if (t.ScaleOutCooldown is { } outCooldown)
            {
                scaleUpWindow = Math.Max(scaleUpWindow ?? 0, Math.Clamp(outCooldown, 0, 3600));
                report.Approximated(path + ".scaleOutCooldown", "scaleUp stabilizationWindowSeconds (the largest over the policies, at most 3600): a window smooths the recommendation, a cooldown waits after an activity");
            }

            if (t.ScaleInCooldown is { } inCooldown)
            {
                scaleDownWindow = Math.Max(scaleDownWindow ?? 0, Math.Clamp(inCooldown, 0, 3600));
                report.Approximated(path + ".scaleInCooldown", "scaleDown stabilizationWindowSeconds (the largest over the policies, at most 3600): a window smooths the recommendation, a cooldown waits after an activity");
            }

            if (t.DisableScaleIn == true)
            {
                scaleDownDisabled = true;
                report.Mapped(path + ".disableScaleIn", "scaleDown selectPolicy Disabled (Application Auto Scaling scales in only when every policy agrees)");
            }
            else if (t.DisableScaleIn is not null)
            {
                report.Mapped(path + ".disableScaleIn", "scale-in allowed");
            }
        }

        for (var i = 0; i < (scaling.StepScalingPolicies?.Count ?? 0); i++)
        {
            var s = scaling.StepScalingPolicies![i];
            var path = $"{p}stepScalingPolicies[{i}]";
            report.AddIfSet(s.PolicyName, path, ".policyName", Disposition.Mapped, "kept in the report only");

            if (s.Metric is null || s.Threshold is null)
            {
                report.Approximated(path, "without metric and threshold (on the CloudWatch alarm in AWS) the policy only bounds the HPA's rate of change");
            }
            else
            {
                report.Approximated(path, "an External metric with the alarm threshold as its target; the step bands become HPA behavior policies (rate limits), not exact steps");
                metrics.Add(ExternalMetric(s.Metric, Quantity(s.Threshold.Value), path + ".metric", report));
                report.Mapped(path + ".threshold", "the External metric's target value");
            }

            var period = Math.Clamp(s.Cooldown ?? 300, 1, 1800);
            if (s.Cooldown is not null)
            {
                report.Approximated(path + ".cooldown", $"periodSeconds {period} of the behavior policies");
            }

            for (var j = 0; j < (s.StepAdjustments?.Count ?? 0); j++)
            {
                var adj = s.StepAdjustments![j];
                var adjPath = $"{path}.stepAdjustments[{j}]";
                if (adj.ScalingAdjustment is not { } amount || amount == 0 || s.AdjustmentType == "ExactCapacity")
                {
                    report.Approximated(adjPath, s.AdjustmentType == "ExactCapacity"
                        ? "ExactCapacity has no HPA behavior counterpart: the metric target drives the count"
                        : "an adjustment of 0 changes nothing");
                    continue;
                }

                var policy = new V2HPAScalingPolicy
                {
                    Type = s.AdjustmentType == "PercentChangeInCapacity" ? "Percent" : "Pods",
                    Value = Math.Abs(amount),
                    PeriodSeconds = period,
                };
                (amount > 0 ? scaleUpPolicies : scaleDownPolicies).Add(policy);
                report.Approximated(adjPath, $"{(amount > 0 ? "scaleUp" : "scaleDown")} policy: at most {Math.Abs(amount)} {(policy.Type == "Percent" ? "percent" : "pods")} per {period}s; the metric bounds of the step are not expressible");
            }

            report.AddIfSet(s.AdjustmentType, path, ".adjustmentType", Disposition.Mapped, s.AdjustmentType == "PercentChangeInCapacity" ? "Percent policies" : "Pods policies");
            report.AddIfSet(s.MinAdjustmentMagnitude, path, ".minAdjustmentMagnitude", Disposition.Ignored, "HPA policies have no minimum step");
            report.AddIfSet(s.MetricAggregationType, path, ".metricAggregationType", Disposition.Approximated, "the metrics adapter decides the aggregation");
        }

        var suspended = scaling.SuspendedState;
        var scaleUpDisabled = false;
        if (suspended is not null)
        {
            if (suspended.DynamicScalingInSuspended == true)
            {
                scaleDownDisabled = true;
            }

            if (suspended.DynamicScalingOutSuspended == true)
            {
                scaleUpDisabled = true;
            }

            report.Mapped(p + "suspendedState.dynamicScalingInSuspended", "scaleDown selectPolicy Disabled when true");
            report.Mapped(p + "suspendedState.dynamicScalingOutSuspended", "scaleUp selectPolicy Disabled when true");
            report.Mapped(p + "suspendedState.scheduledScalingSuspended", "the operator skips scheduled actions when true");
            report.Mapped(p + "suspendedState", "dynamic scaling suspension as disabled HPA directions");
        }

        for (var i = 0; i < (scaling.ScheduledActions?.Count ?? 0); i++)
        {
            var a = scaling.ScheduledActions![i];
            var path = $"{p}scheduledActions[{i}]";
            var schedule = AwsScheduleExpression.Translate(a.Schedule);
            if (schedule.Disposition == Disposition.Rejected)
            {
                report.Rejected(path, "schedule: " + schedule.Reason);
                continue;
            }

            if (a.ScalableTargetAction is null || (a.ScalableTargetAction.MinCapacity is null && a.ScalableTargetAction.MaxCapacity is null))
            {
                report.Rejected(path, "scalableTargetAction: a scheduled action needs minCapacity or maxCapacity");
                continue;
            }

            report.Mapped(path, "applied by the operator: it sets the HPA's minReplicas/maxReplicas at the scheduled times (not rendered in the HPA)");
            report.AddIfSet(a.Timezone, path, ".timezone", Disposition.Mapped, "used by the operator to time the action");
        }

        if (metrics.Count == 0)
        {
            report.Approximated(p.TrimEnd('.'), $"no dynamic scaling policy: no HPA; the operator keeps desiredCount within [{min}, {max}]");
            return null;
        }

        var behavior = new V2HorizontalPodAutoscalerBehavior();
        var any = false;
        if (scaleUpWindow is not null || scaleUpPolicies.Count > 0 || scaleUpDisabled)
        {
            behavior.ScaleUp = Rules(scaleUpWindow, scaleUpPolicies, scaleUpDisabled);
            any = true;
        }

        if (scaleDownWindow is not null || scaleDownPolicies.Count > 0 || scaleDownDisabled)
        {
            behavior.ScaleDown = Rules(scaleDownWindow, scaleDownPolicies, scaleDownDisabled);
            any = true;
        }

        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = capabilities.HpaApiVersion,
            Kind = "HorizontalPodAutoscaler",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = WorkloadLabels.Sorted(labels) },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = EcsApi.ApiVersion, Kind = EcsService.KindName, Name = name },
                MinReplicas = min,
                MaxReplicas = max.Value,
                Metrics = metrics,
                Behavior = any ? behavior : null,
            },
        };
    }

    /// <summary>External metric name for a CloudWatch namespace and metric name.</summary>
    public static string MetricName(string? ns, string? metricName)
    {
        var sb = new StringBuilder();
        foreach (var c in $"{ns}_{metricName}".ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '_');
        }

        return sb.ToString().Trim('_');
    }

    private static V2HPAScalingRules Rules(int? window, List<V2HPAScalingPolicy> policies, bool disabled) => new()
    {
        StabilizationWindowSeconds = window,
        Policies = policies.Count > 0 ? policies : null,
        SelectPolicy = disabled ? "Disabled" : policies.Count > 0 ? "Max" : null,
    };

    private static V2MetricSpec? TargetMetric(TargetTrackingPolicy t, double target, string path, TranslationReport report)
    {
        if (t.PredefinedMetricSpecification is { } predefined)
        {
            var mpath = path + ".predefinedMetricSpecification";
            switch (predefined.PredefinedMetricType)
            {
                case "ECSServiceAverageCPUUtilization":
                case "ECSServiceAverageMemoryUtilization":
                    var resource = predefined.PredefinedMetricType.Contains("CPU", StringComparison.Ordinal) ? "cpu" : "memory";
                    report.Approximated(mpath, $"Resource metric {resource} averageUtilization {Math.Round(target)}: ECS measures against the task's reserved {resource}, the HPA against the containers' requests");
                    report.Mapped(path + ".targetValue", "averageUtilization (percent, rounded)");
                    report.AddIfSet(predefined.ResourceLabel, mpath, ".resourceLabel", Disposition.Ignored, "only used by ALBRequestCountPerTarget");

                    return new V2MetricSpec
                    {
                        Type = "Resource",
                        Resource = new V2ResourceMetricSource
                        {
                            Name = resource,
                            Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = (int)Math.Max(1, Math.Round(target)) },
                        },
                    };
                case "ALBRequestCountPerTarget":
                    var selector = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (predefined.ResourceLabel is { } label)
                    {
                        // app/<load-balancer>/<id>/targetgroup/<target-group>/<id>
                        var parts = label.Split('/');
                        if (parts.Length == 6 && parts[3] == "targetgroup")
                        {
                            selector["load_balancer"] = KubeNames.LabelValue(parts[1]);
                            selector["target_group"] = KubeNames.LabelValue(parts[4]);
                            report.Mapped(mpath + ".resourceLabel", "load_balancer and target_group selector labels");
                        }
                        else
                        {
                            report.Rejected(mpath + ".resourceLabel", "expected app/<load-balancer>/<id>/targetgroup/<target-group>/<id>");
                        }
                    }
                    else
                    {
                        report.Rejected(mpath + ".resourceLabel", "ALBRequestCountPerTarget needs a resourceLabel naming the target group");
                    }

                    report.Approximated(mpath, "External metric alb_request_count_per_target (a metrics adapter must serve it from the load balancer in front of the Service)");
                    report.Mapped(path + ".targetValue", "the External metric's target value");
                    return new V2MetricSpec
                    {
                        Type = "External",
                        External = new V2ExternalMetricSource
                        {
                            Metric = new V2MetricIdentifier
                            {
                                Name = "alb_request_count_per_target",
                                Selector = new V1LabelSelector { MatchLabels = selector },
                            },
                            Target = new V2MetricTarget { Type = "Value", Value = Quantity(target) },
                        },
                    };
                default:
                    report.Rejected(mpath, $"unknown predefined metric '{predefined.PredefinedMetricType}'");
                    return null;
            }
        }

        if (t.CustomizedMetricSpecification is { } custom)
        {
            report.Mapped(path + ".targetValue", "the External metric's target value");
            return ExternalMetric(custom, Quantity(target), path + ".customizedMetricSpecification", report);
        }

        report.Rejected(path, "a target tracking policy needs predefinedMetricSpecification or customizedMetricSpecification");
        return null;
    }

    private static V2MetricSpec ExternalMetric(CustomizedMetricSpecification custom, ResourceQuantity target, string path, TranslationReport report)
    {
        var name = MetricName(custom.Namespace, custom.MetricName);
        if (name.Length == 0)
        {
            report.Rejected(path, "the metric needs a namespace and a metricName");
        }
        else
        {
            report.Approximated(path, $"External metric '{name}' (a metrics adapter must serve the CloudWatch metric under that name)");
        }

        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (custom.Dimensions?.Count ?? 0); i++)
        {
            var d = custom.Dimensions![i];
            selector[KubeNames.KeyName(d.Name)] = KubeNames.LabelValue(d.Value);
            report.Mapped($"{path}.dimensions[{i}]", "a selector label of the External metric");
        }

        report.AddIfSet(custom.Statistic, path, ".statistic", Disposition.Approximated, "the metrics adapter decides the statistic");
        report.AddIfSet(custom.Unit, path, ".unit", Disposition.Ignored, "Kubernetes metric values carry no unit");

        return new V2MetricSpec
        {
            Type = "External",
            External = new V2ExternalMetricSource
            {
                Metric = new V2MetricIdentifier
                {
                    Name = name,
                    Selector = selector.Count > 0 ? new V1LabelSelector { MatchLabels = new Dictionary<string, string>(selector) } : null,
                },
                Target = new V2MetricTarget { Type = "Value", Value = target },
            },
        };
    }

    /// <summary>A quantity for a metric value: integral values as is, others in milli-units (rounded).</summary>
    public static ResourceQuantity Quantity(double value)
    {
        var milli = (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        return new ResourceQuantity(milli % 1000 == 0
            ? (milli / 1000).ToString(CultureInfo.InvariantCulture)
            : milli.ToString(CultureInfo.InvariantCulture) + "m");
    }
}
