namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// A Job as the benchmark's watch first saw it: the schedule and fire time it stands for (null when its name holds
/// no unix-minute suffix), when the watch delivered it, and the API server's creationTimestamp.
/// </summary>
internal sealed record ObservedJob(string Name, string Uid, string Schedule, DateTimeOffset? FireTime, DateTimeOffset Received, DateTimeOffset? Created);
