namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// The AWS account and region the operator's ECS identifiers and events carry, so that event patterns and ARNs
/// written for AWS work unchanged. The operator takes them from its options (section <c>Events</c>: <c>Region</c>,
/// <c>Account</c>; the chart's <c>events.region</c> and <c>events.account</c> values); unset, they are
/// <see cref="DefaultRegion"/> and <see cref="DefaultAccount"/>.
/// </summary>
public sealed record EcsEventSettings
{
    public const string DefaultRegion = "local";
    public const string DefaultAccount = "000000000000";

    public static EcsEventSettings Default { get; } = new();

    /// <summary>The region of every ARN and of the events' <c>region</c> field.</summary>
    public string Region { get; init; } = DefaultRegion;

    /// <summary>The 12-digit account of every ARN and of the events' <c>account</c> field.</summary>
    public string Account { get; init; } = DefaultAccount;
}
