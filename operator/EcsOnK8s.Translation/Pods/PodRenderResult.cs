using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// The pod template and the objects it needs beside it: shared-volume PVCs (and static EFS PVs), the task role's
/// ServiceAccount, ExternalSecrets.
/// </summary>
public sealed record PodRenderResult(V1PodTemplateSpec Template, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Companions);
