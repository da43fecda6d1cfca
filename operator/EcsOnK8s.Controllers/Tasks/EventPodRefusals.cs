using EcsOnK8s.Runtime.Kube;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tasks;

/// <summary>
/// Reads a Job's FailedCreate events with a field selector on the Job's UID: one list of a few events, asked only for
/// a Job that has had no pod past a grace period (no informer over every event of the cluster; RBAC: list events).
/// </summary>
public sealed class EventPodRefusals(KubernetesRestClient client) : IPodRefusals
{
    /// <summary>Refusal messages are the admission's; a webhook's can be long.</summary>
    private const int MaxMessage = 1024;

    public async Task<string?> FindAsync(V1Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var selector = Uri.EscapeDataString($"involvedObject.uid={job.Metadata.Uid},reason=FailedCreate");
        var events = await client.GetAsync<Corev1EventList>(
            $"{ResourceTypes.Event.CollectionPath(job.Metadata.NamespaceProperty)}?fieldSelector={selector}&limit=50", cancellationToken).ConfigureAwait(false);
        var latest = (events?.Items ?? [])
            .Where(e => !string.IsNullOrEmpty(e.Message))
            .MaxBy(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue);
        return latest?.Message is { } message && message.Length > MaxMessage ? message[..MaxMessage] : latest?.Message;
    }
}
