using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class RetryPolicy
{
    /// <summary>How long an event is retried, in seconds (60 to 86400, default 86400).</summary>
    [SchemaRange(60, 86400)]
    public int? MaximumEventAgeInSeconds { get; set; }

    /// <summary>How many times an event is retried (0 to 185, default 185).</summary>
    [SchemaRange(0, 185)]
    public int? MaximumRetryAttempts { get; set; }
}
