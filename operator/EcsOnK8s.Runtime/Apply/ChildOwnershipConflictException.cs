namespace EcsOnK8s.Runtime.Apply;

/// <summary>
/// <see cref="ChildApplier.ApplyAsync(k8s.IKubernetesObject{k8s.Models.V1ObjectMeta}, k8s.IKubernetesObject{k8s.Models.V1ObjectMeta}?, CancellationToken)"/>
/// left a live object alone because its name is held by someone else: its controller owner is another object than
/// the owner applying, or EcsOnK8s did not write it at all. Nothing was written.
/// </summary>
public sealed class ChildOwnershipConflictException : Exception
{
    public ChildOwnershipConflictException()
        : this("a child's name is held by another owner")
    {
    }

    public ChildOwnershipConflictException(string message)
        : base(message)
    {
        Kind = string.Empty;
    }

    public ChildOwnershipConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = string.Empty;
    }

    /// <param name="kind">The kind of the live object.</param>
    /// <param name="key">Its namespace and name.</param>
    /// <param name="holder">
    /// Its controller owner reference; null for an object EcsOnK8s did not write that has none (one EcsOnK8s wrote
    /// without a controller is never a conflict).
    /// </param>
    public ChildOwnershipConflictException(string kind, ObjectKey key, k8s.Models.V1OwnerReference? holder)
        : base(Describe(kind, key, holder))
    {
        Kind = kind;
        Key = key;
        HolderKind = holder?.Kind;
        HolderName = holder?.Name;
        HolderUid = holder?.Uid;
    }

    /// <summary>The kind of the object whose name is taken.</summary>
    public string Kind { get; }

    /// <summary>Its namespace and name.</summary>
    public ObjectKey Key { get; }

    /// <summary>The kind of the object that controls it; null when nothing does (the object is not EcsOnK8s's).</summary>
    public string? HolderKind { get; }

    /// <summary>The name of the object that controls it.</summary>
    public string? HolderName { get; }

    /// <summary>The UID of the object that controls it.</summary>
    public string? HolderUid { get; }

    private static string Describe(string kind, ObjectKey key, k8s.Models.V1OwnerReference? holder) =>
        holder is null
            ? $"{kind} {key.Name} already exists and is not managed by EcsOnK8s: left as it is; rename the workload or remove that object."
            : $"{kind} {key.Name} already exists and belongs to {holder.Kind} {holder.Name} (uid {holder.Uid}): left as it is; rename one of the two.";
}
