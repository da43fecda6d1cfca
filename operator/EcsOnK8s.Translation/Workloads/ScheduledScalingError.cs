namespace EcsOnK8s.Translation.Workloads;

/// <summary>A scheduled action field that was refused: its path under the service and why.</summary>
public sealed record ScheduledScalingError(string Path, string Reason);
