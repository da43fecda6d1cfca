namespace EcsOnK8s.Runtime.Events;

/// <summary>The type of a Kubernetes Event.</summary>
public enum EventType
{
    /// <summary>Something happened as it should.</summary>
    Normal,

    /// <summary>Something needs attention.</summary>
    Warning,
}
