namespace EcsOnK8s.Api.V1Alpha1;

public sealed class MetricDimension
{
    /// <summary>The dimension's name.</summary>
    public string? Name { get; set; }

    /// <summary>The dimension's value.</summary>
    public string? Value { get; set; }
}
