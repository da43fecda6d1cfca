using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How many failed tasks trip the deployment circuit breaker.</summary>
public sealed class ThresholdConfiguration
{
    /// <summary>COUNT: a number of failed tasks; BOUNDED_PERCENT / UNBOUNDED_PERCENT: a percentage of desiredCount.</summary>
    [EnumValues("COUNT", "BOUNDED_PERCENT", "UNBOUNDED_PERCENT")]
    public string? Type { get; set; }

    /// <summary>The threshold, in tasks or percent according to type.</summary>
    public int? Value { get; set; }
}
