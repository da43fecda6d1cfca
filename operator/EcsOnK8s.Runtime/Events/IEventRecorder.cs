using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Events;

/// <summary>Records Kubernetes Events about reconciled objects; <see cref="KubeEventRecorder"/> posts them.</summary>
public interface IEventRecorder
{
    /// <summary>Queues an event about <paramref name="subject"/>.</summary>
    void Record(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message);
}
