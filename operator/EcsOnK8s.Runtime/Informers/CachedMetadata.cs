using System.Collections.Concurrent;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// What an informer does to an object's metadata before caching it: managed fields trimmed to one manager's Apply
/// entry, kubectl's last-applied copy dropped, and the strings that thousands of cached objects repeat (namespaces,
/// label and annotation keys, owner kinds, managed-by values) shared instead of decoded once per object.
/// </summary>
internal static class CachedMetadata
{
    /// <summary>kubectl's client-side apply keeps a full copy of the object here; nothing in the operator reads it.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    // Keys, kinds, namespaces and label values go in (a service's name is a label value of each of its children and
    // of their selectors and templates); annotation values (hashes, JSON) and UIDs stay per object. Names of deleted
    // objects stay pooled: the pool is bounded, so past that many strings it stops sharing rather than grows.
    private const int MaxPooled = 50_000;
    private const int MaxValueLength = 63;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>The Apply entries of <paramref name="manager"/>, or null (none kept, none found, or no manager).</summary>
    public static IList<V1ManagedFieldsEntry>? Kept(IList<V1ManagedFieldsEntry>? entries, string? manager)
    {
        if (entries is null || manager is null)
        {
            return null;
        }

        List<V1ManagedFieldsEntry>? kept = null;
        foreach (var entry in entries)
        {
            if (entry.Manager == manager && entry.Operation == "Apply")
            {
                entry.Manager = Share(entry.Manager);
                entry.Operation = Share(entry.Operation);
                entry.ApiVersion = Share(entry.ApiVersion);
                entry.FieldsType = Share(entry.FieldsType);
                (kept ??= new List<V1ManagedFieldsEntry>(1)).Add(entry);
            }
        }

        return kept;
    }

    /// <summary>Shares the repeated strings of <paramref name="metadata"/> and drops the last-applied copy.</summary>
    public static void Share(V1ObjectMeta metadata)
    {
        metadata.NamespaceProperty = Share(metadata.NamespaceProperty);
        metadata.Labels = Shared(metadata.Labels, shareValues: true);
        if (metadata.Annotations is { } annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            metadata.Annotations = annotations.Count == 0 ? null : Shared(annotations, shareValues: false);
        }

        if (metadata.OwnerReferences is { } owners)
        {
            foreach (var owner in owners)
            {
                owner.ApiVersion = Share(owner.ApiVersion);
                owner.Kind = Share(owner.Kind);
            }
        }

        if (metadata.Finalizers is { } finalizers)
        {
            for (var i = 0; i < finalizers.Count; i++)
            {
                finalizers[i] = Share(finalizers[i])!;
            }
        }
    }

    private static Dictionary<string, string>? Shared(IDictionary<string, string>? map, bool shareValues)
    {
        if (map is null)
        {
            return null;
        }

        // Sized to fit: the decoder's dictionaries grow by doubling and keep the slack.
        var shared = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            shared[Share(key)!] = shareValues && value is { Length: <= MaxValueLength } ? Share(value)! : value;
        }

        return shared;
    }

    private static string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        return Pool.Count < MaxPooled ? Pool.GetOrAdd(value, value) : value;
    }
}
