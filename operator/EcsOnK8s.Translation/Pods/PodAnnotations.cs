using EcsOnK8s.Api;

namespace EcsOnK8s.Translation.Pods;

/// <summary>Annotations the pod template carries.</summary>
public static class PodAnnotations
{
    /// <summary>Comma-separated pod names of the essential containers: the operator stops the task when one exits.</summary>
    public const string EssentialContainers = EcsApi.Group + "/essential-containers";

    /// <summary>JSON object, container name → its ECS logConfiguration (secret options by reference only).</summary>
    public const string LogConfiguration = WellKnownAnnotations.EcsPrefix + "log-configuration";

    /// <summary>JSON object, container name → its ECS firelensConfiguration.</summary>
    public const string FireLens = WellKnownAnnotations.EcsPrefix + "firelens";
}
