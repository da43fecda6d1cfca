using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Runtime.Apply;

// Over 400 lines on purpose: apply, prune, delete and status writes share one ownership rule (whose object a live
// one is), one memory of this applier's own writes and one cache-or-GET read; split apart, each would need them
// passed around or re-derived.
/// <summary>
/// Writes what a reconciler decided, and nothing when nothing changed: server-side apply of desired children with a
/// controller owner reference and a hash annotation (skipped when the live object carries the same hash), pruning
/// of children no longer desired, and status writes through the status subresource only when the status differs.
/// Live objects are read from the shared informers when one caches the resource, else with a GET.
/// </summary>
public sealed class ChildApplier : IChildWriter
{
    private readonly KubernetesRestClient _client;
    private readonly InformerFactory? _informers;
    private readonly InformerFactory? _resources;
    private readonly ResourceTypeResolver _resolver;
    private readonly ILogger _logger;
    // Never the resourceVersion of a stored object: etcd starts at revision 1 and its first write is revision 2.
    private const string CreateOnlyResourceVersion = "1";

    private readonly ConcurrentDictionary<(ResourceType Type, ObjectKey Key), AppliedState> _applied = new();

    // Resources that refuse a create-only apply (see SendApplyAsync); the core Service is known to, others are found.
    private readonly ConcurrentDictionary<ResourceType, bool> _noCreateOnly = new([KeyValuePair.Create(ResourceTypes.Service, true)]);

    /// <param name="client">REST client.</param>
    /// <param name="informers">Shared informers whose caches stand for live objects; GETs only when null.</param>
    /// <param name="options">Field manager, annotation and label names; EcsOnK8s defaults when null.</param>
    /// <param name="resolver">apiVersion/kind → resource; a resolver with discovery on <paramref name="client"/> when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <param name="resources">
    /// Informers of the resources whose status is written here, when <paramref name="informers"/> does not hold them
    /// (it caches children by label): their caches take the answers of status writes.
    /// </param>
    public ChildApplier(
        KubernetesRestClient client,
        InformerFactory? informers = null,
        ApplierOptions? options = null,
        ResourceTypeResolver? resolver = null,
        ILogger? logger = null,
        InformerFactory? resources = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _informers = informers;
        _resources = resources;
        Options = options ?? new ApplierOptions();
        _resolver = resolver ?? new ResourceTypeResolver(client);
        _logger = logger ?? NullLogger.Instance;
    }

    public ApplierOptions Options { get; }

    private string ManagedBySelector => $"{Options.ManagedByLabel}={Options.ManagedByValue}";

    /// <summary>
    /// Server-side applies <paramref name="desired"/> (field manager <see cref="ApplierOptions.FieldManager"/>,
    /// force) unless the live object already carries its hash and is not being deleted. The object sent gets: its
    /// apiVersion/kind (from the model's attribute if unset), the owner's namespace if it has none, the managed-by
    /// label, a controller owner reference to <paramref name="owner"/> (none when null, e.g. a PVC kept under a
    /// Retain policy) and the hash annotation, computed over everything else. <paramref name="desired"/> itself is
    /// not modified. An object edited by someone else since this applier wrote it is applied again (see the remarks).
    /// A live object whose name someone else holds is never written: see <see cref="ChildOwnershipConflictException"/>.
    /// </summary>
    /// <remarks>
    /// Skip rule: the live object (from the informer cache, else a GET) carries the desired hash, is not being deleted,
    /// and its generation (resourceVersion for kinds without generation) is still the one this applier's last write of
    /// that hash produced. After a restart, with no memory of earlier writes, the hash alone decides until the
    /// desired object or the live object changes.
    /// </remarks>
    public Task<ApplyResult> ApplyAsync(
        IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? owner, CancellationToken cancellationToken) =>
        ApplyAsync(desired, owner, shared: false, cancellationToken);

    /// <summary>
    /// As <see cref="ApplyAsync(IKubernetesObject{V1ObjectMeta}, IKubernetesObject{V1ObjectMeta}?, CancellationToken)"/>.
    /// Ownership rule: a live object is written only when it is already <paramref name="owner"/>'s (its controller
    /// owner reference has the owner's UID), or it carries the managed-by label and no controller owner reference,
    /// or its controller was the owner's predecessor of the same kind and name (deleted: the name is the owner's now,
    /// checked against the API server), or <paramref name="owner"/> is null, or <paramref name="shared"/> says the
    /// object is one that several workloads render alike (any earlier EcsOnK8s owner of it gives it up). Any other
    /// live object (another workload's child, or an object without the managed-by label) throws
    /// <see cref="ChildOwnershipConflictException"/> and nothing is written.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(
        IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? owner, bool shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var node = JsonNode.Parse(KubernetesJson.Serialize(desired))?.AsObject()
            ?? throw new ArgumentException("the desired object serialized to nothing", nameof(desired));
        var type = await ResolveAsync(node, desired.GetType(), cancellationToken).ConfigureAwait(false);

        var metadata = node["metadata"] as JsonObject ?? new JsonObject();
        node["metadata"] = metadata;
        foreach (var serverField in (string[])["resourceVersion", "uid", "creationTimestamp", "managedFields", "generation", "selfLink", "deletionTimestamp"])
        {
            metadata.Remove(serverField);
        }

        node.Remove("status");
        if (type.Namespaced && string.IsNullOrEmpty(metadata["namespace"]?.GetValue<string>()))
        {
            metadata["namespace"] = owner?.Metadata?.NamespaceProperty
                ?? throw new ArgumentException($"{type.Kind} {metadata["name"]} has no namespace and no owner to take it from", nameof(desired));
        }

        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        metadata["labels"] = labels;
        labels.TryAdd(Options.ManagedByLabel, Options.ManagedByValue);

        ResourceType? ownerType = null;
        if (owner is not null)
        {
            var uid = owner.Metadata?.Uid ?? throw new ArgumentException("the owner has no uid (is it a live object?)", nameof(owner));
            ownerType = await ResolveObjectAsync(owner, cancellationToken).ConfigureAwait(false);
            var references = metadata["ownerReferences"] as JsonArray ?? new JsonArray();
            metadata["ownerReferences"] = references;
            foreach (var existing in references.Where(r => r?["uid"]?.GetValue<string>() == uid).ToList())
            {
                references.Remove(existing);
            }

            references.Add(new JsonObject
            {
                ["apiVersion"] = ownerType.ApiVersion,
                ["kind"] = ownerType.Kind,
                ["name"] = owner.Metadata.Name,
                ["uid"] = uid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            });
        }

        var annotations = metadata["annotations"] as JsonObject;
        annotations?.Remove(Options.HashAnnotation);
        if (annotations is { Count: 0 })
        {
            metadata.Remove("annotations");
        }

        var hash = DesiredHash.Compute(node);
        annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        annotations[Options.HashAnnotation] = hash;

        var key = new ObjectKey(type.Namespaced ? metadata["namespace"]!.GetValue<string>() : string.Empty, metadata["name"]?.GetValue<string>()
            ?? throw new ArgumentException("the desired object has no name", nameof(desired)));
        IKubernetesObject<V1ObjectMeta>? live;
        if (IsMissingFromSyncedCache(type, key) && !_applied.ContainsKey((type, key)) && !_noCreateOnly.ContainsKey(type))
        {
            // Most likely a new child. Rather than a GET to tell "absent" from "someone else's", an apply that can only
            // create: an existing object, whoever holds it, refuses it and goes the GET-and-guard way below.
            if (await SendApplyAsync(type, key, node, hash, createOnly: true, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return created;
            }

            live = await _client.GetAsync<PartialObject>(type.ObjectPath(key), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            live = await GetLiveAsync(type, key, cancellationToken).ConfigureAwait(false);
        }

        await EnsureMayWriteAsync(type, key, live, owner, ownerType, shared, cancellationToken).ConfigureAwait(false);
        if (IsCurrent(type, key, live, hash, node))
        {
            return new ApplyResult(type, key, hash, Written: false);
        }

        return (await SendApplyAsync(type, key, node, hash, createOnly: false, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Sends the apply and remembers what it wrote. <paramref name="createOnly"/> makes it a create: the body carries a
    /// resourceVersion no stored object has (etcd's first write is revision 2), which the API server checks against an
    /// existing object (409) and ignores when it creates one; null then means the name is taken.
    /// </summary>
    private async Task<ApplyResult?> SendApplyAsync(
        ResourceType type, ObjectKey key, JsonObject node, string hash, bool createOnly, CancellationToken cancellationToken)
    {
        var path = $"{type.ObjectPath(key)}?fieldManager={Uri.EscapeDataString(Options.FieldManager)}&force=true";
        var metadata = (JsonObject)node["metadata"]!;
        string body;
        if (createOnly)
        {
            metadata["resourceVersion"] = CreateOnlyResourceVersion;
            body = ApplyPatchText.From(node);
            metadata.Remove("resourceVersion");
        }
        else
        {
            body = ApplyPatchText.From(node);
        }

        string response;
        try
        {
            response = await _client.SendJsonAsync(HttpMethod.Patch, path, body, "application/apply-patch+yaml", cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (createOnly && e.IsConflict)
        {
            ApplyLog.NameTaken(_logger, type.Kind, key);
            return null;
        }
        catch (KubernetesApiException e) when (createOnly && e.StatusCode == HttpStatusCode.InternalServerError)
        {
            // A resource whose own storage creates through a plain create refuses any resourceVersion there (the
            // core Service in 1.20 answers 500): nothing was created; its new children take the GET from now on.
            _noCreateOnly.TryAdd(type, true);
            ApplyLog.CreateOnlyRefused(_logger, type.Kind, e.ServerMessage);
            return null;
        }

        using var written = JsonDocument.Parse(response);
        var writtenMetadata = written.RootElement.TryGetProperty("metadata", out var m) ? m : default;
        _applied[(type, key)] = new AppliedState(
            hash,
            Property(writtenMetadata, "uid")?.GetString(),
            Property(writtenMetadata, "generation")?.GetInt64(),
            Property(writtenMetadata, "resourceVersion")?.GetString());
        ApplyLog.Applied(_logger, type.Kind, key, hash);
        return new ApplyResult(type, key, hash, Written: true, Property(writtenMetadata, "creationTimestamp")?.GetDateTime());
    }

    /// <summary>
    /// Creates <paramref name="desired"/> (a POST, never an update) with the managed-by label and a controller owner
    /// reference to <paramref name="owner"/>. False when an object of that name already exists, whoever holds it: for
    /// a child whose name stands for one event (a schedule's run at one fire time), an existing one means it happened.
    /// </summary>
    public async Task<bool> CreateAsync(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(owner);
        var node = JsonNode.Parse(KubernetesJson.Serialize(desired))?.AsObject()
            ?? throw new ArgumentException("the desired object serialized to nothing", nameof(desired));
        var type = await ResolveAsync(node, desired.GetType(), cancellationToken).ConfigureAwait(false);
        var ownerType = await ResolveObjectAsync(owner, cancellationToken).ConfigureAwait(false);
        var metadata = node["metadata"] as JsonObject ?? new JsonObject();
        node["metadata"] = metadata;
        node.Remove("status");
        var ns = metadata["namespace"]?.GetValue<string>();
        if (type.Namespaced && string.IsNullOrEmpty(ns))
        {
            ns = owner.Metadata.NamespaceProperty;
            metadata["namespace"] = ns;
        }

        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        metadata["labels"] = labels;
        labels.TryAdd(Options.ManagedByLabel, Options.ManagedByValue);
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = ownerType.ApiVersion,
            ["kind"] = ownerType.Kind,
            ["name"] = owner.Metadata.Name,
            ["uid"] = owner.Metadata.Uid ?? throw new ArgumentException("the owner has no uid (is it a live object?)", nameof(owner)),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        var key = new ObjectKey(type.Namespaced ? ns ?? string.Empty : string.Empty, metadata["name"]?.GetValue<string>()
            ?? throw new ArgumentException("the desired object has no name", nameof(desired)));
        try
        {
            await _client.SendJsonAsync(HttpMethod.Post, type.CollectionPath(type.Namespaced ? key.Namespace : null), node.ToJsonString(), "application/json", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict && e.Status?.Reason == "AlreadyExists")
        {
            return false;
        }

        ApplyLog.Created(_logger, type.Kind, key);
        return true;
    }

    /// <summary>
    /// Throws <see cref="ChildOwnershipConflictException"/> when <paramref name="live"/> is not for
    /// <paramref name="owner"/> to write (the rule is on <see cref="ApplyAsync(IKubernetesObject{V1ObjectMeta}, IKubernetesObject{V1ObjectMeta}?, bool, CancellationToken)"/>).
    /// </summary>
    private async Task EnsureMayWriteAsync(
        ResourceType type, ObjectKey key, IKubernetesObject<V1ObjectMeta>? live, IKubernetesObject<V1ObjectMeta>? owner, ResourceType? ownerType,
        bool shared, CancellationToken cancellationToken)
    {
        if (live is null)
        {
            return;
        }

        var holder = live.ControllerOwner();
        if (owner is not null && holder?.Uid == owner.Metadata.Uid)
        {
            return;
        }

        if (!Options.IsManaged(live))
        {
            throw new ChildOwnershipConflictException(type.Kind, key, holder);
        }

        if (owner is null || holder is null || shared)
        {
            return;
        }

        // Names are unique per kind and namespace, so a holder of the owner's kind and name is either the owner's
        // predecessor (deleted, its children left to the garbage collector) or, when the owner is a stale copy from
        // a cache, its successor. Only the API server tells which.
        if (ownerType is not null && holder.Kind == ownerType.Kind && holder.Name == owner.Metadata.Name
            && KubernetesObjectExtensions.GroupOf(holder.ApiVersion) == ownerType.Group)
        {
            var current = await _client.GetAsync<PartialObject>(ownerType.ObjectPath(ObjectKey.From(owner)), cancellationToken).ConfigureAwait(false);
            if (current?.Metadata?.Uid == owner.Metadata.Uid)
            {
                ApplyLog.TakenFromPredecessor(_logger, type.Kind, key, holder.Uid);
                return;
            }
        }

        ApplyLog.OwnershipConflict(_logger, type.Kind, key, holder.Kind, holder.Name, owner.Metadata.Name);
        throw new ChildOwnershipConflictException(type.Kind, key, holder);
    }

    /// <summary>
    /// True when no write is needed: the live object carries the desired hash, is not being deleted, and still holds
    /// every field this applier sent (<see cref="FieldOwnership"/>: a field changed or removed by someone else has left
    /// the field manager's entry in <c>managedFields</c>). Writes of other controllers to fields the applier does not
    /// set (status, a ServiceAccount's secrets, a claim's volume name, replicas of an autoscaled Deployment) change
    /// nothing here, and neither does a restart: the live object alone decides, so a hand edit made while the operator
    /// was down is seen at start-up, without re-applying unchanged children. A live object older than this applier's
    /// last write of the same hash (a cache that has not caught up) counts as current; one with another UID than that
    /// write left was replaced since and is written again. Where the live object comes without managed fields (a cache
    /// that drops them all), the hash and the generation (resourceVersion for kinds without one) of the last write decide.
    /// </summary>
    private bool IsCurrent(ResourceType type, ObjectKey key, IKubernetesObject<V1ObjectMeta>? live, string hash, JsonObject applied)
    {
        if (live is null || live.IsBeingDeleted())
        {
            return false;
        }

        string? liveHash = null;
        live.Metadata?.Annotations?.TryGetValue(Options.HashAnnotation, out liveHash);
        var liveVersion = live.Metadata?.ResourceVersion;
        var known = _applied.TryGetValue((type, key), out var state) && state.Hash == hash ? state : null;
        if (known is not null)
        {
            if (known.Uid is not null && live.Metadata?.Uid is { } liveUid && liveUid != known.Uid)
            {
                return false;
            }

            if (IsOlder(liveVersion, known.ResourceVersion))
            {
                return true;
            }

            if (liveHash == hash && liveVersion is not null && liveVersion == known.ResourceVersion)
            {
                return true;
            }
        }

        if (liveHash != hash)
        {
            return false;
        }

        switch (FieldOwnership.Covers(live.Metadata?.ManagedFields, Options.FieldManager, applied))
        {
            case true:
                // Remembered, so that the next pass over an unchanged object compares versions instead of fields.
                _applied[(type, key)] = new AppliedState(hash, live.Metadata?.Uid, live.Metadata?.Generation, liveVersion);
                return true;
            case false:
                ApplyLog.FieldsTaken(_logger, type.Kind, key);
                return false;
        }

        if (known is null)
        {
            return true;
        }

        return live.Metadata?.Generation is { } generation && known.Generation is not null
            ? generation == known.Generation
            : liveVersion == known.ResourceVersion;
    }

    // Resource versions are opaque to clients, but etcd-backed servers hand out increasing integers; where both
    // parse, an older one is a stale read.
    private static bool IsOlder(string? resourceVersion, string? than) =>
        long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(than, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
        && a < b;

    /// <summary>
    /// Deletes (background propagation, UID precondition) the objects of <paramref name="kinds"/> in the owner's
    /// namespace that carry the managed-by label and a controller owner reference to <paramref name="owner"/> but are
    /// not in <paramref name="desired"/> (matched by API group, kind, namespace and name). Objects already being
    /// deleted are left alone. Returns how many were deleted.
    /// </summary>
    public async Task<int> PruneAsync(
        IKubernetesObject<V1ObjectMeta> owner,
        IEnumerable<ResourceType> kinds,
        IEnumerable<IKubernetesObject<V1ObjectMeta>> desired,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(desired);
        var ownerUid = owner.Metadata?.Uid ?? throw new ArgumentException("the owner has no uid", nameof(owner));
        var ownerNamespace = owner.Metadata.NamespaceProperty;
        var keep = new HashSet<(string Group, string Kind, ObjectKey Key)>();
        foreach (var item in desired)
        {
            var apiVersion = item.ApiVersion ?? EntityOf(item.GetType())?.ApiVersion ?? string.Empty;
            var kind = item.Kind ?? EntityOf(item.GetType())?.Kind ?? string.Empty;
            var itemKey = ObjectKey.From(item);
            if (itemKey.Namespace.Length == 0 && ownerNamespace is not null)
            {
                itemKey = itemKey with { Namespace = ownerNamespace };
            }

            keep.Add((KubernetesObjectExtensions.GroupOf(apiVersion), kind, itemKey));
        }

        var deleted = 0;
        var ownerKey = ObjectKey.From(owner);
        foreach (var type in kinds)
        {
            foreach (var child in await ListOwnedAsync(type, ownerNamespace, ownerUid, cancellationToken).ConfigureAwait(false))
            {
                var childKey = ObjectKey.From(child);
                var keyInSet = type.Namespaced ? childKey : childKey with { Namespace = ownerNamespace ?? string.Empty };
                if (keep.Contains((type.Group, type.Kind, keyInSet)) || keep.Contains((type.Group, type.Kind, childKey)) || child.IsBeingDeleted())
                {
                    continue;
                }

                var options = new V1DeleteOptions
                {
                    PropagationPolicy = "Background",
                    Preconditions = new V1Preconditions { Uid = child.Metadata.Uid },
                };
                try
                {
                    if (await _client.DeleteAsync(type.ObjectPath(childKey), options, cancellationToken).ConfigureAwait(false))
                    {
                        deleted++;
                        ApplyLog.Pruned(_logger, type.Kind, childKey, owner.Kind ?? "owner", ownerKey);
                    }
                }
                catch (KubernetesApiException e) when (e.IsConflict)
                {
                    // Replaced by a new object of the same name meanwhile: not ours to delete.
                }
            }
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the object <paramref name="cached"/> is a copy of, if it still exists: with its UID as a precondition, so
    /// that a stale cache never deletes a successor of the same name (409, false). True when a delete was accepted.
    /// </summary>
    public async Task<bool> DeleteIfExistsAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> cached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(cached);
        var key = ObjectKey.From(cached);
        if (_informers?.Find(type) is { HasSynced: true } informer && informer.IsComplete(key.Namespace) && informer.GetObject(key) is null)
        {
            return false;
        }

        var options = new V1DeleteOptions
        {
            PropagationPolicy = "Background",
            Preconditions = cached.Metadata.Uid is { } uid ? new V1Preconditions { Uid = uid } : null,
        };
        try
        {
            var deleted = await _client.DeleteAsync(type.ObjectPath(key), options, cancellationToken).ConfigureAwait(false);
            if (deleted)
            {
                ApplyLog.Deleted(_logger, type.Kind, key);
            }

            return deleted;
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            // A successor of the same name: not the object the cache showed.
            return false;
        }
    }

    /// <summary>Sends a JSON merge patch (<paramref name="mergePatch"/>) to one object.</summary>
    public async Task PatchAsync(ResourceType type, ObjectKey key, string mergePatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(mergePatch);
        await _client.SendJsonAsync(HttpMethod.Patch, type.ObjectPath(key), mergePatch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a JSON merge patch (<paramref name="mergePatch"/>) to one object's status subresource.</summary>
    public async Task PatchStatusAsync(ResourceType type, ObjectKey key, string mergePatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(mergePatch);
        await _client.SendJsonAsync(HttpMethod.Patch, type.ObjectPath(key) + "/status", mergePatch, "application/merge-patch+json", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <c>obj.status</c> through the status subresource (PUT with the live resourceVersion) when it differs
    /// from the live status (JSON compared semantically, after the same serialization). A conflict (409) re-reads the
    /// object and tries again, up to <see cref="ApplierOptions.StatusConflictRetries"/> times. Returns false when
    /// nothing was written (equal, or the object is gone). Timestamps in a status should be whole seconds (what the
    /// server stores), or every comparison differs.
    /// </summary>
    public async Task<bool> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        var type = await ResolveAsync(node, typeof(T), cancellationToken).ConfigureAwait(false);
        var key = ObjectKey.From(obj);
        var live = _informers?.Find(type)?.GetObject(key) as T ?? await _client.GetAsync<T>(type.ObjectPath(key), cancellationToken).ConfigureAwait(false);
        if (live is not null && obj.Metadata?.Uid is { Length: > 0 } uid && live.Metadata?.Uid != uid)
        {
            // Another object of that name (a successor, or a predecessor the cache still shows): not this status's.
            return false;
        }

        return await PutStatusAsync(type, key, live, node["status"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="UpdateStatusAsync{T}(T, CancellationToken)"/>, with <paramref name="status"/> as the status of
    /// <paramref name="live"/> (e.g. the object a reconciler read from its own cache, which is not modified): no read
    /// unless the write conflicts, because the copy was stale.
    /// </summary>
    public async Task<bool> ReplaceStatusAsync<T>(T live, object? status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(live);
        var type = await ResolveObjectAsync(live, cancellationToken).ConfigureAwait(false);
        var desired = status is null ? null : JsonNode.Parse(KubernetesJson.Serialize(status));
        return await PutStatusAsync(type, ObjectKey.From(live), live, desired, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> PutStatusAsync<T>(ResourceType type, ObjectKey key, T? live, JsonNode? desiredStatus, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        // The status was computed for this object: a successor under the same name (the PUT below carries this UID,
        // which the API server checks, and a conflict re-reads) is another object whose status is not ours to write.
        var uid = live?.Metadata?.Uid;
        for (var attempt = 1; ; attempt++)
        {
            if (live is null || (uid is not null && live.Metadata?.Uid != uid))
            {
                return false;
            }

            var liveNode = JsonNode.Parse(KubernetesJson.Serialize(live))!.AsObject();
            if (JsonNode.DeepEquals(liveNode["status"], desiredStatus))
            {
                return false;
            }

            liveNode["status"] = desiredStatus?.DeepClone();
            (liveNode["metadata"] as JsonObject)?.Remove("managedFields");
            liveNode["apiVersion"] = type.ApiVersion;
            liveNode["kind"] = type.Kind;
            try
            {
                var answer = await _client.SendJsonAsync(HttpMethod.Put, type.ObjectPath(key) + "/status", liveNode.ToJsonString(), "application/json", cancellationToken).ConfigureAwait(false);
                ApplyLog.StatusWritten(_logger, type.Kind, key);
                TakeIntoCache<T>(type, answer, live.Metadata?.ResourceVersion);
                return true;
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return false;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < Options.StatusConflictRetries)
            {
                ApplyLog.StatusConflict(_logger, type.Kind, key, attempt);
                live = await _client.GetAsync<T>(type.ObjectPath(key), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The answer of a write into the informer's cache ahead of its watch event (<see cref="IInformer.TakeWritten"/>): a
    /// reconcile of the same object queued before the echo (by a child it just applied) then starts from what was
    /// written. An answer that cannot be read is left to the watch.
    /// </summary>
    private void TakeIntoCache<T>(ResourceType type, string answer, string? replacedVersion)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if ((_resources?.Find(type) ?? _informers?.Find(type)) is not { HasSynced: true } informer || string.IsNullOrEmpty(answer))
        {
            return;
        }

        try
        {
            if (KubernetesJson.Deserialize<T>(answer) is { } written)
            {
                informer.TakeWritten(written, replacedVersion);
            }
        }
        catch (Exception e) when (ObjectDecoder.IsDecodeFailure(e))
        {
            // The watch brings the same version.
        }
    }

    /// <summary>
    /// The live object, whoever manages it: from the informer cache when it holds it, else with a GET (null when
    /// absent). Unlike the applier's own reads, a cache that selects on the managed-by label is not taken as proof
    /// of absence, because an object someone else created is missing from it.
    /// </summary>
    public async Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceType type, ObjectKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_informers?.Find(type) is { HasSynced: true } informer && informer.GetObject(key) is { } cached)
        {
            return cached;
        }

        return await _client.GetAsync<PartialObject>(type.ObjectPath(key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True when a synced informer caches the resource, lacks the object and is not complete (it selects on the
    /// managed-by label): the object is new or someone else's.
    /// </summary>
    private bool IsMissingFromSyncedCache(ResourceType type, ObjectKey key) =>
        _informers?.Find(type) is { HasSynced: true } informer
        && !informer.IsComplete(type.Namespaced ? key.Namespace : null)
        && informer.GetObject(key) is null;

    private async Task<IKubernetesObject<V1ObjectMeta>?> GetLiveAsync(ResourceType type, ObjectKey key, CancellationToken cancellationToken)
    {
        if (_informers?.Find(type) is { HasSynced: true } informer)
        {
            // A cache of only the managed-by label's objects that lacks this one does not tell an absent object from
            // one EcsOnK8s did not write, which must not be overwritten: that takes a GET.
            var cached = informer.GetObject(key);
            if (cached is not null || informer.IsComplete(type.Namespaced ? key.Namespace : null))
            {
                return cached;
            }
        }

        return await _client.GetAsync<PartialObject>(type.ObjectPath(key), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> ListOwnedAsync(
        ResourceType type, string? @namespace, string ownerUid, CancellationToken cancellationToken)
    {
        // Only objects with the managed-by label are candidates, so an informer selecting on that label is complete
        // for this query: pruning from it costs no LIST (a LIST per kind and reconcile grows with the namespace).
        var managedBy = ManagedBySelector;
        IEnumerable<IKubernetesObject<V1ObjectMeta>> candidates;
        if (_informers?.Find(type) is { HasSynced: true } informer && informer.IsCompleteFor(type.Namespaced ? @namespace : null, managedBy))
        {
            candidates = informer.GetByControllerOwner(ownerUid);
        }
        else
        {
            var list = await _client.GetAsync<PartialObjectList>(
                $"{type.CollectionPath(type.Namespaced ? @namespace : null)}?labelSelector={Uri.EscapeDataString(managedBy)}", cancellationToken).ConfigureAwait(false);
            candidates = list?.Items ?? [];
        }

        return [.. candidates.Where(c =>
            c.ControllerOwner()?.Uid == ownerUid && Options.IsManaged(c))];
    }

    private async Task<ResourceType> ResolveAsync(JsonObject node, Type modelType, CancellationToken cancellationToken)
    {
        var entity = EntityOf(modelType);
        var apiVersion = node["apiVersion"]?.GetValue<string>();
        var kind = node["kind"]?.GetValue<string>();
        if (string.IsNullOrEmpty(apiVersion))
        {
            apiVersion = entity is null ? null : string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        }

        if (string.IsNullOrEmpty(kind))
        {
            kind = entity?.Kind;
        }

        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw new ArgumentException($"{modelType.Name}: set apiVersion and kind, or use a model with [KubernetesEntity]");
        }

        node["apiVersion"] = apiVersion;
        node["kind"] = kind;
        return await _resolver.ResolveAsync(apiVersion, kind, modelType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resource of a live object (an owner, a cached resource), from its apiVersion/kind or its model type.</summary>
    private async Task<ResourceType> ResolveObjectAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
    {
        var node = new JsonObject { ["apiVersion"] = obj.ApiVersion, ["kind"] = obj.Kind };
        return await ResolveAsync(node, obj.GetType(), cancellationToken).ConfigureAwait(false);
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static KubernetesEntityAttribute? EntityOf(Type type) => type.GetCustomAttribute<KubernetesEntityAttribute>();

    private sealed record AppliedState(string Hash, string? Uid, long? Generation, string? ResourceVersion);
}
