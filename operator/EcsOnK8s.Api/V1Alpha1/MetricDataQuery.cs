namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// One query of a metric math target (Application Auto Scaling's TargetTrackingMetricDataQuery): a metric or an
/// expression over the other queries' ids. The one that returns data is the tracked value.
/// </summary>
public sealed class MetricDataQuery
{
    /// <summary>The query's id, used by expressions (e.g. <c>m1</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Metric math over the other queries' ids, e.g. <c>m1 / m2</c>; unset for a metric.</summary>
    public string? Expression { get; set; }

    /// <summary>A label for the query's result.</summary>
    public string? Label { get; set; }

    /// <summary>The metric and statistic; unset for an expression.</summary>
    public MetricStat? MetricStat { get; set; }

    /// <summary>Whether this query is the tracked value (exactly one returns data).</summary>
    public bool? ReturnData { get; set; }
}
