namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// Event ids derived from what the event reports: its detail type, the Kubernetes UID of the resource and the
/// resource's state version. An event derived again (after a restart, or for a redelivery) carries the same id, so
/// targets can drop duplicates and an ECS task target names its EcsTask after it.
/// </summary>
public static class EventIds
{
    /// <summary>A UUID (version 8) of the three parts; none may be empty.</summary>
    public static string For(string detailType, string resourceUid, string stateVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(detailType);
        ArgumentException.ThrowIfNullOrEmpty(resourceUid);
        ArgumentException.ThrowIfNullOrEmpty(stateVersion);
        return DeterministicUuid.From(detailType, resourceUid, stateVersion);
    }
}
