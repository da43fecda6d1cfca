namespace EcsOnK8s.Controllers.Services;

/// <summary>What one rendered Deployment or DaemonSet reports, reduced to what ECS status needs.</summary>
/// <param name="Name">Workload name.</param>
/// <param name="TaskDefinition">family:revision its pod template runs (from the template annotation).</param>
/// <param name="Desired">Replicas asked for (desiredNumberScheduled for a DaemonSet).</param>
/// <param name="Current">Pods that exist, old and new.</param>
/// <param name="Updated">Pods of the current template.</param>
/// <param name="Ready">Ready pods, old and new.</param>
/// <param name="Available">Available pods, old and new.</param>
/// <param name="Observed">The workload controller has seen the latest spec (observedGeneration ≥ generation).</param>
/// <param name="ProgressDeadlineExceeded">Progressing=False with reason ProgressDeadlineExceeded.</param>
/// <param name="PodsRefused">
/// Why Kubernetes refuses to create its pods (a Deployment's ReplicaFailure condition, which carries the ReplicaSet's
/// FailedCreate: Pod Security admission, a quota, a webhook, whatever the admission); null when it creates them.
/// </param>
public sealed record WorkloadObservation(
    string Name,
    string? TaskDefinition,
    int Desired,
    int Current,
    int Updated,
    int Ready,
    int Available,
    bool Observed,
    bool ProgressDeadlineExceeded,
    string? PodsRefused = null);
