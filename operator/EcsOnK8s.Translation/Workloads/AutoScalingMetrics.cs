using System.Globalization;
using System.Text;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// The HPA metric of a scaling policy: Resource metrics for the predefined CPU and memory ones, External metrics
/// (named as <see cref="AutoScalingRenderer"/> describes) for the rest.
/// </summary>
internal static class AutoScalingMetrics
{
    /// <summary>External metric name for a CloudWatch namespace and metric name.</summary>
    public static string MetricName(string? ns, string? metricName)
    {
        var sb = new StringBuilder();
        foreach (var character in $"{ns}_{metricName}".ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) ? character : '_');
        }

        return sb.ToString().Trim('_');
    }

    public static V2MetricSpec? TargetMetric(TargetTrackingPolicy policy, double target, string path, TranslationReport report)
    {
        if (policy.PredefinedMetricSpecification is { } predefined)
        {
            var metricPath = path + ".predefinedMetricSpecification";
            switch (predefined.PredefinedMetricType)
            {
                case "ECSServiceAverageCPUUtilization":
                case "ECSServiceAverageMemoryUtilization":
                    var resource = predefined.PredefinedMetricType.Contains("CPU", StringComparison.Ordinal) ? "cpu" : "memory";
                    report.Approximated(metricPath, $"Resource metric {resource} averageUtilization {Math.Round(target)}: ECS measures against the task's reserved {resource}, the HPA against the containers' requests");
                    report.Mapped(path + ".targetValue", "averageUtilization (percent, rounded)");
                    report.AddIfSet(predefined.ResourceLabel, metricPath, ".resourceLabel", Disposition.Ignored, "only used by ALBRequestCountPerTarget");

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
                            report.Mapped(metricPath + ".resourceLabel", "load_balancer and target_group selector labels");
                        }
                        else
                        {
                            report.Rejected(metricPath + ".resourceLabel", "expected app/<load-balancer>/<id>/targetgroup/<target-group>/<id>");
                        }
                    }
                    else
                    {
                        report.Rejected(metricPath + ".resourceLabel", "ALBRequestCountPerTarget needs a resourceLabel naming the target group");
                    }

                    report.Approximated(metricPath, $"{Served("alb_request_count_per_target")} (from the load balancer in front of the Service)");
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
                    report.Rejected(metricPath, $"unknown predefined metric '{predefined.PredefinedMetricType}'");
                    return null;
            }
        }

        if (policy.CustomizedMetricSpecification is { } custom)
        {
            report.Mapped(path + ".targetValue", "the External metric's target value");
            return ExternalMetric(custom, target, path + ".customizedMetricSpecification", report);
        }

        report.Rejected(path, "a target tracking policy needs predefinedMetricSpecification or customizedMetricSpecification");
        return null;
    }

    /// <summary>
    /// Where no ScaledObject is rendered (KEDA not installed): the wording of every External metric, naming what
    /// must serve it.
    /// </summary>
    public static string Served(string name) =>
        $"External metric, served by an External metrics adapter such as KEDA or the CloudWatch adapter: {name}";

    /// <summary>The External metric of a customized metric; null (rejected) for metric math other than the SQS backlog per task.</summary>
    public static V2MetricSpec? ExternalMetric(CustomizedMetricSpecification custom, double target, string path, TranslationReport report)
    {
        if (custom.Metrics is { Count: > 0 } queries)
        {
            if (SqsBacklog.BacklogQueue(queries, out var error) is not { } queue)
            {
                report.Rejected(path + ".metrics", error!);
                return null;
            }

            var depth = MetricName(SqsBacklog.Namespace, SqsBacklog.QueueDepth);
            report.Mapped(path + ".metrics", $"{Served(depth)}, for the queue {queue}; target type AverageValue: the HPA divides the queue depth by the pods, as the expression divides it by the running tasks");
            return new V2MetricSpec
            {
                Type = "External",
                External = new V2ExternalMetricSource
                {
                    Metric = new V2MetricIdentifier
                    {
                        Name = depth,
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [KubeNames.KeyName(SqsBacklog.QueueNameDimension)] = KubeNames.LabelValue(queue) } },
                    },
                    Target = new V2MetricTarget { Type = "AverageValue", AverageValue = Quantity(target) },
                },
            };
        }

        var name = MetricName(custom.Namespace, custom.MetricName);
        if (name.Length == 0)
        {
            report.Rejected(path, "the metric needs a namespace and a metricName");
        }
        else
        {
            report.Approximated(path, $"{Served(name)} (the CloudWatch metric under that name)");
        }

        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (custom.Dimensions?.Count ?? 0); i++)
        {
            var dimension = custom.Dimensions![i];
            selector[KubeNames.KeyName(dimension.Name)] = KubeNames.LabelValue(dimension.Value);
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
                Target = new V2MetricTarget { Type = "Value", Value = Quantity(target) },
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
