using System.Globalization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>
/// The KEDA trigger of a scaling policy: cpu and memory for the predefined utilization metrics, aws-sqs-queue for an
/// SQS queue's depth (plain, or the backlog per task), aws-cloudwatch for ALBRequestCountPerTarget and any other
/// CloudWatch metric. Target tracking keeps a metric at its target by scaling proportionally, which is the HPA's
/// Value metric type; the SQS scaler's queueLength is messages per task (AverageValue), which is exactly the
/// backlog per task.
/// </summary>
internal static class KedaTriggers
{
    /// <summary>Seconds of each CloudWatch statistic KEDA reads: Application Auto Scaling's alarms look at one-minute periods.</summary>
    public const int MetricStatPeriod = 60;

    public static ScaledObjectTrigger? TargetTracking(TargetTrackingPolicy policy, double target, string path, KedaTarget keda, TranslationReport report)
    {
        if (policy.PredefinedMetricSpecification is { } predefined)
        {
            var metricPath = path + ".predefinedMetricSpecification";
            switch (predefined.PredefinedMetricType)
            {
                case "ECSServiceAverageCPUUtilization":
                case "ECSServiceAverageMemoryUtilization":
                    var resource = predefined.PredefinedMetricType.Contains("CPU", StringComparison.Ordinal) ? "cpu" : "memory";
                    var percent = (int)Math.Max(1, Math.Round(target));
                    report.Approximated(metricPath, $"KEDA {resource} trigger, metricType Utilization {percent}: ECS measures against the task's reserved {resource}, the HPA against the containers' requests");
                    report.Mapped(path + ".targetValue", "the trigger's value (percent, rounded)");
                    report.AddIfSet(predefined.ResourceLabel, metricPath, ".resourceLabel", Disposition.Ignored, "only used by ALBRequestCountPerTarget");
                    return new ScaledObjectTrigger
                    {
                        Type = resource,
                        MetricType = "Utilization",
                        Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["value"] = Number(percent) },
                    };
                case "ALBRequestCountPerTarget":
                    if (TargetGroupDimension(predefined.ResourceLabel) is not { } targetGroup)
                    {
                        report.Rejected(metricPath + ".resourceLabel", predefined.ResourceLabel is null
                            ? "ALBRequestCountPerTarget needs a resourceLabel naming the target group"
                            : "expected app/<load-balancer>/<id>/targetgroup/<target-group>/<id>");
                        return null;
                    }

                    report.Mapped(metricPath + ".resourceLabel", $"the TargetGroup dimension {targetGroup}");
                    report.Mapped(metricPath, $"KEDA aws-cloudwatch trigger on AWS/ApplicationELB RequestCountPerTarget (Sum per {MetricStatPeriod} s), metricType Value: scaled in proportion, as target tracking does");
                    report.Mapped(path + ".targetValue", "targetMetricValue");
                    return CloudWatch(keda, "AWS/ApplicationELB", "RequestCountPerTarget", [("TargetGroup", targetGroup)], target, "Sum", unit: null);
                default:
                    report.Rejected(metricPath, $"unknown predefined metric '{predefined.PredefinedMetricType}'");
                    return null;
            }
        }

        if (policy.CustomizedMetricSpecification is { } custom)
        {
            report.Mapped(path + ".targetValue", "the trigger's target");
            return Custom(custom, target, path + ".customizedMetricSpecification", keda, report);
        }

        report.Rejected(path, "a target tracking policy needs predefinedMetricSpecification or customizedMetricSpecification");
        return null;
    }

    /// <summary>A step scaling policy's alarm metric, with the alarm threshold as the target.</summary>
    public static ScaledObjectTrigger? Step(CustomizedMetricSpecification metric, double threshold, string path, KedaTarget keda, TranslationReport report) =>
        Custom(metric, threshold, path, keda, report);

    /// <summary>Whether the trigger reads AWS (and so needs the TriggerAuthentication).</summary>
    public static bool IsAws(ScaledObjectTrigger trigger) => trigger.Type.StartsWith("aws-", StringComparison.Ordinal);

    /// <summary>The queue URL of a queue name, as SQS builds it.</summary>
    public static string QueueUrl(KedaTarget keda, string queue) => $"https://sqs.{keda.Region}.amazonaws.com/{keda.Account}/{queue}";

    private static ScaledObjectTrigger? Custom(CustomizedMetricSpecification custom, double target, string path, KedaTarget keda, TranslationReport report)
    {
        report.AddIfSet(custom.Unit, path, ".unit", Disposition.Ignored, "the scaler reads the metric's values as they are");
        if (custom.Metrics is { Count: > 0 } queries)
        {
            if (SqsBacklog.BacklogQueue(queries, out var error) is not { } backlogQueue)
            {
                report.Rejected(path + ".metrics", error!);
                return null;
            }

            var backlog = Sqs(keda, backlogQueue, target);
            report.Add(path + ".metrics", Whole(target) ? Disposition.Mapped : Disposition.Approximated,
                $"KEDA aws-sqs-queue trigger on {QueueUrl(keda, backlogQueue)}, queueLength {backlog.Metadata["queueLength"]} the backlog per task: KEDA divides the queue depth by the task count, as the expression does{Rounding(target)}");
            return backlog;
        }

        if (SqsBacklog.QueueOf(custom) is { } queue)
        {
            var depth = Sqs(keda, queue, target);
            report.Approximated(path, $"KEDA aws-sqs-queue trigger on {QueueUrl(keda, queue)}, queueLength {depth.Metadata["queueLength"]} messages per task (depth / queueLength tasks), where tracking the plain queue depth scales in proportion; AWS's backlog-per-task metric math is the exact counterpart{Rounding(target)}");
            report.AddIfSet(custom.Statistic, path, ".statistic", Disposition.Ignored, "the SQS scaler reads the queue's attributes, not a CloudWatch statistic");
            return depth;
        }

        if (string.IsNullOrEmpty(custom.Namespace) || string.IsNullOrEmpty(custom.MetricName))
        {
            report.Rejected(path, "the metric needs a namespace and a metricName");
            return null;
        }

        var dimensions = new List<(string Name, string Value)>();
        for (var i = 0; i < (custom.Dimensions?.Count ?? 0); i++)
        {
            var dimension = custom.Dimensions![i];
            if (dimension is not { Name: { Length: > 0 } dimensionName, Value: { Length: > 0 } dimensionValue }
                || dimensionName.Contains(';', StringComparison.Ordinal) || dimensionValue.Contains(';', StringComparison.Ordinal))
            {
                report.Rejected($"{path}.dimensions[{i}]", "a dimension needs a name and a value, without ';' (KEDA's separator)");
                return null;
            }

            dimensions.Add((dimensionName, dimensionValue));
            report.Mapped($"{path}.dimensions[{i}]", "dimensionName/dimensionValue of the trigger");
        }

        report.Mapped(path, $"KEDA aws-cloudwatch trigger on {custom.Namespace} {custom.MetricName} ({custom.Statistic ?? "Average"} per {MetricStatPeriod} s), metricType Value: scaled in proportion, as target tracking does");
        report.AddIfSet(custom.Statistic, path, ".statistic", Disposition.Mapped, "metricStat");
        return CloudWatch(keda, custom.Namespace, custom.MetricName, dimensions, target, custom.Statistic ?? "Average", custom.Unit);
    }

    private static bool Whole(double target) => target >= 1 && Math.Ceiling(target) == target;

    private static string Rounding(double target) =>
        Whole(target) ? string.Empty : $" (target {Number(target)} rounded up: the SQS scaler takes whole messages per task)";

    private static ScaledObjectTrigger Sqs(KedaTarget keda, string queue, double target)
    {
        var length = (long)Math.Max(1, Math.Ceiling(target));
        return new ScaledObjectTrigger
        {
            Type = "aws-sqs-queue",
            UseCachedMetrics = true,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["queueURL"] = QueueUrl(keda, queue),
                ["queueLength"] = Number(length),
                ["awsRegion"] = keda.Region,

                // ApproximateNumberOfMessagesVisible leaves out the messages being processed; KEDA counts them unless told.
                ["scaleOnInFlight"] = "false",
            },
        };
    }

    private static ScaledObjectTrigger CloudWatch(
        KedaTarget keda, string ns, string metricName, List<(string Name, string Value)> dimensions, double target, string statistic, string? unit)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["namespace"] = ns,
            ["metricName"] = metricName,
        };
        if (dimensions.Count > 0)
        {
            metadata["dimensionName"] = string.Join(';', dimensions.Select(d => d.Name));
            metadata["dimensionValue"] = string.Join(';', dimensions.Select(d => d.Value));
        }

        metadata["targetMetricValue"] = Number(target);
        metadata["minMetricValue"] = "0";
        metadata["metricStat"] = statistic;
        metadata["metricStatPeriod"] = Number(MetricStatPeriod);
        if (unit is not null)
        {
            metadata["metricUnit"] = unit;
        }

        metadata["awsRegion"] = keda.Region;
        return new ScaledObjectTrigger { Type = "aws-cloudwatch", MetricType = "Value", UseCachedMetrics = true, Metadata = metadata };
    }

    /// <summary>targetgroup/&lt;name&gt;/&lt;id&gt; from app/&lt;load-balancer&gt;/&lt;id&gt;/targetgroup/&lt;name&gt;/&lt;id&gt;.</summary>
    private static string? TargetGroupDimension(string? label)
    {
        var parts = label?.Split('/');
        return parts is { Length: 6 } && parts[3] == "targetgroup" && parts.All(p => p.Length > 0) ? $"targetgroup/{parts[4]}/{parts[5]}" : null;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
