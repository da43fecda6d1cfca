using EcsOnK8s.Runtime.Kube;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>What <see cref="ChildApplier.ApplyAsync(k8s.IKubernetesObject{k8s.Models.V1ObjectMeta}, k8s.IKubernetesObject{k8s.Models.V1ObjectMeta}?, CancellationToken)"/> did.</summary>
/// <param name="Type">The object's resource.</param>
/// <param name="Key">The object's key.</param>
/// <param name="Hash">Hash of the desired object (the <c>desired-hash</c> annotation).</param>
/// <param name="Written">False when the live object already carried the hash: no request was sent.</param>
/// <param name="CreatedAt">The object's creationTimestamp as the write returned it; null when nothing was written.</param>
public sealed record ApplyResult(ResourceType Type, ObjectKey Key, string Hash, bool Written, DateTime? CreatedAt = null);
