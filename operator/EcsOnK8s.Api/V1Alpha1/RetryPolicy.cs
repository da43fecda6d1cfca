using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class RetryPolicy
{
    [SchemaRange(60, 86400)]
    public int? MaximumEventAgeInSeconds { get; set; }

    [SchemaRange(0, 185)]
    public int? MaximumRetryAttempts { get; set; }
}
