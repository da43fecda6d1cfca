namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A fire time of a scheduled scaling action.</summary>
public sealed class ScheduledActionRun
{
    /// <summary><see cref="StatusCode"/> of an action that set the bounds it names.</summary>
    public const string Successful = "Successful";

    /// <summary><see cref="StatusCode"/> of an action that would have left the minimum above the maximum: nothing changed.</summary>
    public const string Failed = "Failed";

    /// <summary>The action that ran.</summary>
    public string? ScheduledActionName { get; set; }

    /// <summary>When it ran.</summary>
    public DateTime? Time { get; set; }

    /// <summary>Successful or Failed, as Application Auto Scaling reports a scaling activity; absent for the next action.</summary>
    public string? StatusCode { get; set; }

    /// <summary>What the action did ("Successfully set min capacity to 3 and max capacity to 10"), or why it failed.</summary>
    public string? StatusMessage { get; set; }
}
