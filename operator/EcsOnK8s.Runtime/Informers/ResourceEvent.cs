namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// A change of the cache, after it was applied: <see cref="Object"/> is the new object (the last known one for
/// <see cref="ResourceEventType.Deleted"/>), <see cref="OldObject"/> the previous one for updates.
/// </summary>
public sealed record ResourceEvent<T>(ResourceEventType Type, T Object, T? OldObject = null)
    where T : class;
