using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>How an informer lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>Namespaces to watch; empty for all namespaces. Ignored for cluster-scoped resources.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Optional label selector: the cache then holds only matching objects.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>LIST page size.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Server-side watch timeout is drawn between this and <see cref="MaxWatchTimeout"/>, so watches do not all renew together.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A watch that delivers nothing (no event, no bookmark) for this long is presumed dead and re-opened from the
    /// last resource version.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Grace past the server-side timeout before the client gives up on a watch that did not end.</summary>
    public TimeSpan WatchDeadlineGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay after an error; doubles per consecutive error, with ±50% jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Drop <c>metadata.managedFields</c> before caching (the largest part of most objects, unused by controllers),
    /// except the entries of <see cref="KeepManagedFieldsOf"/>.
    /// </summary>
    public bool StripManagedFields { get; init; } = true;

    /// <summary>
    /// The field manager whose <c>Apply</c> entries stay in the cache when <see cref="StripManagedFields"/> drops the
    /// rest: what <see cref="Apply.ChildApplier"/> reads to tell a child someone else edited from one that is as it
    /// applied it (set it to the applier's field manager). None when null.
    /// </summary>
    public string? KeepManagedFieldsOf { get; init; }

    /// <summary>
    /// Trims an object in place before it is cached, as client-go's transform functions do: what no reader of the
    /// cache reads need not be held for every object. Runs once per listed or watched object (and per write answer
    /// taken into the cache), after managed fields are stripped, on the informer's loop; an object listed is trimmed
    /// as soon as its page is decoded. It must tolerate any shape of object (missing fields) and not throw; subscribers
    /// and readers then see only the trimmed objects, old and new. None when null.
    /// </summary>
    public Action<IKubernetesObject<V1ObjectMeta>>? Transform { get; init; }
}
