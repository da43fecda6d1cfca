using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>How the operator emits ECS events and delivers events to the EcsEventRules' targets.</summary>
public sealed record EventDeliveryOptions
{
    /// <summary>EventBridge's default retry attempts when a target sets no retryPolicy.</summary>
    public const int DefaultMaximumRetryAttempts = 185;

    /// <summary>EventBridge's default event age limit (24 h) when a target sets no retryPolicy.</summary>
    public const int DefaultMaximumEventAgeInSeconds = 86400;

    /// <summary>Region and account of the events and their ARNs.</summary>
    public EcsEventSettings Settings { get; init; } = EcsEventSettings.Default;

    /// <summary>The invocation cap of a rule without spec.maxInvocationsPerMinute.</summary>
    public int MaxInvocationsPerMinute { get; init; } = 600;

    /// <summary>The delay before the first retry; each further retry doubles it (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one HTTP delivery may take.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>At most one status write per rule and one record write per rule per this interval.</summary>
    public TimeSpan WriteInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events waiting per target beyond which new ones are dead letters at once (a dead target must not grow memory without bound).</summary>
    public int QueueLimit { get; init; } = 10_000;
}
