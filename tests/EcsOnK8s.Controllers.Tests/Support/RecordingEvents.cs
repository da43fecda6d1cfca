using EcsOnK8s.Runtime.Events;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>Keeps the events a reconciler records.</summary>
public sealed class RecordingEvents : IEventRecorder
{
    private readonly Lock _lock = new();
    private readonly List<RecordedEvent> _events = [];

    public IReadOnlyList<RecordedEvent> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Record(IKubernetesObject<V1ObjectMeta> subject, EventKind kind, string message)
    {
        lock (_lock)
        {
            _events.Add(new RecordedEvent(subject.Metadata.Name, kind.Type, kind.Reason, message));
        }
    }
}
