namespace EcsOnK8s.Translation.Pods;

/// <summary>Where a container lands in the pod.</summary>
internal enum ContainerRole
{
    /// <summary>An ordinary container.</summary>
    Main,

    /// <summary>An init container that runs to completion before the next (COMPLETE/SUCCESS targets).</summary>
    Init,

    /// <summary>An init container with restartPolicy Always (START/HEALTHY targets, native sidecars).</summary>
    Sidecar,
}
