using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Creates the EcsTasks an ecsTask target starts. <see cref="KubernetesEcsTaskWriter"/> is the real one; tests
/// record instead. Errors are the API's (<see cref="Runtime.Kube.KubernetesApiException"/>, a timeout, a refused
/// connection): the invoker decides what they mean.
/// </summary>
public interface IEcsTaskWriter
{
    /// <summary>
    /// Creates <paramref name="task"/>; null when created, else the live EcsTask that already has its name (so the
    /// caller can tell a redelivery from a name taken by something else).
    /// </summary>
    Task<EcsTask?> CreateAsync(EcsTask task, CancellationToken cancellationToken);
}
