namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ScheduledAction
{
    /// <summary>The action's name, unique in the service.</summary>
    public string? ScheduledActionName { get; set; }

    /// <summary>at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(min hour dom month dow year).</summary>
    public string? Schedule { get; set; }

    /// <summary>The time zone of the schedule (IANA name, default UTC).</summary>
    public string? Timezone { get; set; }

    /// <summary>The action does not fire before this time.</summary>
    public string? StartTime { get; set; }

    /// <summary>The action does not fire after this time.</summary>
    public string? EndTime { get; set; }

    /// <summary>The capacity bounds the action sets.</summary>
    public ScalableTargetAction? ScalableTargetAction { get; set; }
}
