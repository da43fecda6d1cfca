namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// How many of <see cref="Expected"/> services and task definitions have converged; -1 where not looked at yet.
/// <see cref="MeanObjectBytes"/> is the mean JSON size of the services, task definitions and Deployments listed.
/// </summary>
internal sealed record ConvergenceState(int Expected, int Services, int TaskDefinitions, int ServicesWithDeployment, int MeanObjectBytes)
{
    public bool Converged => Services == Expected && TaskDefinitions == Expected && ServicesWithDeployment == Expected;

    public override string ToString() =>
        $"services {Services}/{Expected}, task definitions {(TaskDefinitions < 0 ? "?" : TaskDefinitions)}/{Expected}, " +
        $"deployments {(ServicesWithDeployment < 0 ? "?" : ServicesWithDeployment)}/{Expected}";
}
