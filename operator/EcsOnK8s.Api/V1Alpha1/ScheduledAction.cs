namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ScheduledAction
{
    public string? ScheduledActionName { get; set; }

    /// <summary>at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(min hour dom month dow year).</summary>
    public string? Schedule { get; set; }

    public string? Timezone { get; set; }

    public string? StartTime { get; set; }

    public string? EndTime { get; set; }

    public ScalableTargetAction? ScalableTargetAction { get; set; }
}
