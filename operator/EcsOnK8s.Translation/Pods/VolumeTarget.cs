namespace EcsOnK8s.Translation.Pods;

/// <summary>The pod volume an ECS volume became, and the sub-path its mounts use (EFS root directories).</summary>
internal sealed record VolumeTarget(string PodVolumeName, string? SubPath);
