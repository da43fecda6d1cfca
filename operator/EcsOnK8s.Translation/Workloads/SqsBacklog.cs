using System.Text.RegularExpressions;
using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// The SQS queue of a scaling metric: the queue depth itself (AWS/SQS ApproximateNumberOfMessagesVisible by
/// QueueName), or the backlog per task of AWS's guide to scaling on an SQS queue, the metric math
/// <c>m1 / m2</c> with m1 that queue depth and m2 the service's running task count (ECS/ContainerInsights
/// RunningTaskCount).
/// </summary>
internal static partial class SqsBacklog
{
    public const string Namespace = "AWS/SQS";
    public const string QueueDepth = "ApproximateNumberOfMessagesVisible";
    public const string QueueNameDimension = "QueueName";

    /// <summary>The queue of a plain queue-depth metric, else null.</summary>
    public static string? QueueOf(CustomizedMetricSpecification metric) =>
        metric.Metrics is { Count: > 0 } ? null : QueueOf(metric.Namespace, metric.MetricName, metric.Dimensions);

    /// <summary>
    /// The queue of the backlog-per-task metric math; null with <paramref name="error"/> saying what else the math
    /// is (only that expression has a counterpart).
    /// </summary>
    public static string? BacklogQueue(IReadOnlyList<MetricDataQuery> queries, out string? error)
    {
        var expressions = queries.Where(q => !string.IsNullOrWhiteSpace(q?.Expression)).ToList();
        var returned = expressions.Where(q => q.ReturnData != false).ToList();
        if (returned.Count != 1)
        {
            error = $"metric math needs exactly one expression that returns data ({returned.Count} do)";
            return null;
        }

        var match = Ratio().Match(returned[0].Expression!);
        if (!match.Success)
        {
            error = $"expression '{returned[0].Expression}': only the backlog per task 'm1 / m2' (an SQS queue's {QueueDepth} over ECS/ContainerInsights RunningTaskCount) has a counterpart";
            return null;
        }

        var numerator = queries.FirstOrDefault(q => q?.Id == match.Groups[1].Value)?.MetricStat?.Metric;
        var denominator = queries.FirstOrDefault(q => q?.Id == match.Groups[2].Value)?.MetricStat?.Metric;
        var queue = numerator is null ? null : QueueOf(numerator.Namespace, numerator.MetricName, numerator.Dimensions);
        if (queue is null)
        {
            error = $"'{match.Groups[1].Value}' must be the metric {Namespace} {QueueDepth} with a {QueueNameDimension} dimension";
            return null;
        }

        if (denominator is not { Namespace: "ECS/ContainerInsights", MetricName: "RunningTaskCount" })
        {
            error = $"'{match.Groups[2].Value}' must be the metric ECS/ContainerInsights RunningTaskCount (the service's running tasks)";
            return null;
        }

        error = null;
        return queue;
    }

    private static string? QueueOf(string? ns, string? metricName, List<MetricDimension>? dimensions) =>
        ns == Namespace && metricName == QueueDepth
            ? dimensions?.FirstOrDefault(d => d?.Name == QueueNameDimension && !string.IsNullOrEmpty(d.Value))?.Value
            : null;

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9_]*)\s*/\s*([A-Za-z][A-Za-z0-9_]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Ratio();
}
