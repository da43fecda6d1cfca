namespace EcsOnK8s.Runtime.Informers;

/// <summary>What happened to a cached object.</summary>
public enum ResourceEventType
{
    Added,
    Updated,
    Deleted,
}
