using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Events;

/// <summary>Records Kubernetes Events about reconciled objects; <see cref="KubeEventRecorder"/> posts them.</summary>
public interface IEventRecorder
{
    /// <summary>Queues an event of <paramref name="kind"/> about <paramref name="subject"/>; the message is for humans.</summary>
    void Record(IKubernetesObject<V1ObjectMeta> subject, EventKind kind, string message);
}
