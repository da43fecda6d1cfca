using System.Collections.ObjectModel;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// The pod template and the objects it needs beside it: shared-volume PVCs (and static EFS PVs), the task role's
/// ServiceAccount, ExternalSecrets.
/// </summary>
public sealed record PodRenderResult(V1PodTemplateSpec Template, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Companions)
{
    /// <summary>
    /// Volumes marked <c>configuredAtLaunch</c>: ECS volume name → pod volume name. The template holds an emptyDir
    /// placeholder under that name; a workload that supplies the volume (a service's
    /// <c>volumeConfigurations</c>) replaces the placeholder, or drops it for a StatefulSet volumeClaimTemplate
    /// of the same name. The containers already mount it.
    /// </summary>
    public IReadOnlyDictionary<string, string> LaunchVolumes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Pod names of the containers, by ECS container name (after sanitising and de-duplicating).</summary>
    public IReadOnlyDictionary<string, string> ContainerNames { get; init; } = ReadOnlyDictionary<string, string>.Empty;
}
