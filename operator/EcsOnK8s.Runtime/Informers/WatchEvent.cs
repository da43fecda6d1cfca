using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// One event of a watch stream as the server sent it. <see cref="Object"/> is set for ADDED, MODIFIED, DELETED and
/// BOOKMARK (only its resource version matters there), unless the typed model cannot read it: then
/// <see cref="Undecodable"/> is set instead. <see cref="Status"/> is set for ERROR.
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status = null, UndecodableObject? Undecodable = null)
    where T : class;
