using k8s.Models;

namespace EcsOnK8s.Controllers.Tasks;

/// <summary>Why Kubernetes refuses to create a Job's pods, where only the Job's events say it (Kubernetes 1.20 to 1.x).</summary>
public interface IPodRefusals
{
    /// <summary>The message of the Job's latest FailedCreate event; null when it has none.</summary>
    Task<string?> FindAsync(V1Job job, CancellationToken cancellationToken);
}
