using System.Text.Json.Nodes;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>
/// Records what a reconciler writes instead of sending it. A status counts as written when it differs from the
/// object's (as the real writer decides); <see cref="Existing"/> stands for live objects the caches do not hold.
/// </summary>
public sealed class RecordingWriter : IChildWriter
{
    private readonly Lock _lock = new();

    public List<(IKubernetesObject<V1ObjectMeta> Child, IKubernetesObject<V1ObjectMeta>? Owner, bool Shared)> Applied { get; } = [];

    public List<(IKubernetesObject<V1ObjectMeta> Child, IKubernetesObject<V1ObjectMeta> Owner)> Created { get; } = [];

    /// <summary>Names a create finds taken (as the API server's AlreadyExists); created names are added.</summary>
    public HashSet<ObjectKey> Taken { get; } = [];

    public List<(string Owner, IReadOnlyList<ResourceType> Kinds, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Desired)> Pruned { get; } = [];

    public List<(ResourceType Type, ObjectKey Key)> Deleted { get; } = [];

    public List<(ResourceType Type, ObjectKey Key, string Patch)> Patched { get; } = [];

    public List<(ResourceType Type, ObjectKey Key, string Patch)> StatusPatched { get; } = [];

    /// <summary>The statuses written, as JSON, in order.</summary>
    public List<JsonNode?> Statuses { get; } = [];

    public Dictionary<(string Kind, ObjectKey Key), IKubernetesObject<V1ObjectMeta>> Existing { get; } = [];

    /// <summary>The children applied, of one type.</summary>
    public IReadOnlyList<T> AppliedOf<T>() => [.. Applied.Select(a => a.Child).OfType<T>()];

    /// <summary>The last status written, read as <typeparamref name="TStatus"/>.</summary>
    public TStatus LastStatus<TStatus>() => KubernetesJson.Deserialize<TStatus>(Assert.Single(Statuses.TakeLast(1))?.ToJsonString() ?? "null");

    /// <summary>Makes applying or creating a child throw (e.g. a refusal), when it returns an exception.</summary>
    public Func<IKubernetesObject<V1ObjectMeta>, Exception?> FailApply { get; set; } = _ => null;

    public Task<ApplyResult> ApplyAsync(
        IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? owner, bool shared, CancellationToken cancellationToken)
    {
        if (FailApply(desired) is { } failure)
        {
            return Task.FromException<ApplyResult>(failure);
        }

        lock (_lock)
        {
            Applied.Add((desired, owner, shared));
        }

        var key = new ObjectKey(desired.Metadata.NamespaceProperty ?? owner?.Metadata.NamespaceProperty ?? string.Empty, desired.Metadata.Name);
        return Task.FromResult(new ApplyResult(ResourceType.For(desired.GetType()), key, "hash", Written: true, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    public Task<bool> CreateAsync(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> owner, CancellationToken cancellationToken)
    {
        if (FailApply(desired) is { } failure)
        {
            return Task.FromException<bool>(failure);
        }

        var key = new ObjectKey(desired.Metadata.NamespaceProperty ?? owner.Metadata.NamespaceProperty ?? string.Empty, desired.Metadata.Name);
        lock (_lock)
        {
            if (!Taken.Add(key))
            {
                return Task.FromResult(false);
            }

            Created.Add((desired, owner));
        }

        return Task.FromResult(true);
    }

    public Task<int> PruneAsync(
        IKubernetesObject<V1ObjectMeta> owner, IEnumerable<ResourceType> kinds, IEnumerable<IKubernetesObject<V1ObjectMeta>> desired,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Pruned.Add((owner.Metadata.Name, [.. kinds], [.. desired]));
        }

        return Task.FromResult(0);
    }

    public Task<bool> DeleteIfExistsAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> cached, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Deleted.Add((type, ObjectKey.From(cached)));
        }

        return Task.FromResult(true);
    }

    public Task PatchAsync(ResourceType type, ObjectKey key, string mergePatch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Patched.Add((type, key, mergePatch));
        }

        return Task.CompletedTask;
    }

    /// <summary>An exception to throw for a status patch (e.g. a 409 for a stale resourceVersion), or null to record it.</summary>
    public Func<string, Exception?> FailPatchStatus { get; set; } = _ => null;

    public Task PatchStatusAsync(ResourceType type, ObjectKey key, string mergePatch, CancellationToken cancellationToken)
    {
        if (FailPatchStatus(mergePatch) is { } failure)
        {
            return Task.FromException(failure);
        }

        lock (_lock)
        {
            StatusPatched.Add((type, key, mergePatch));
        }

        return Task.CompletedTask;
    }

    public Task<bool> ReplaceStatusAsync<T>(T live, object? status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var current = JsonNode.Parse(KubernetesJson.Serialize(live))?["status"];
        var desired = status is null ? null : JsonNode.Parse(KubernetesJson.Serialize(status));
        if (JsonNode.DeepEquals(current, desired))
        {
            return Task.FromResult(false);
        }

        lock (_lock)
        {
            Statuses.Add(desired);
        }

        return Task.FromResult(true);
    }

    public Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceType type, ObjectKey key, CancellationToken cancellationToken) =>
        Task.FromResult(Existing.GetValueOrDefault((type.Kind, key)));
}
