using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Queue;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Makes objects the operator cannot read visible on the objects themselves. The informers leave such an object out
/// of their caches (no reconciler sees it); on the leader, this worker marks an EcsOnK8s resource Ready=False and
/// Degraded=True with reason <see cref="ConditionReasons.Undecodable"/> and a message naming the field, through a
/// merge patch of the status subresource built from the raw JSON (the typed model is what cannot hold it), and posts a
/// Warning Event on any kind. Once per resource version: the condition is written only when it changed (so the
/// update it causes reports nothing more), and the Event goes with a write, or alone when no condition can be
/// written (built-in kinds, or an API server that refuses the status because the spec breaks a newer schema).
/// </summary>
public sealed partial class UndecodableObjectReporter(
    EcsInformers informers,
    IChildWriter writer,
    IEventRecorder events,
    TimeProvider time,
    ILogger<UndecodableObjectReporter> logger) : IManagedController
{
    // Handled versions, by informer and key: a relist or a replay of the same version is not reported again.
    private readonly Dictionary<Report, string> _handled = [];

    public string Name => "undecodable";

    public bool HasSynced => true;

    /// <summary>The informers are those of the other controllers; they start them.</summary>
    public Task StartInformersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue<Report>(Name, RateLimiters.Default<Report>(time), time);
        List<IDisposable> subscriptions = [];
        try
        {
            // Every informer exists by now: the host starts all informers before any worker.
            foreach (var informer in informers.Resources.Informers.Concat(informers.Children.Informers))
            {
                subscriptions.Add(informer.SubscribeUndecodable(u => queue.Add(new Report(informer, u.Key))));
            }

            while (await queue.GetAsync(cancellationToken).ConfigureAwait(false) is { } item)
            {
                try
                {
                    await ReportAsync(item.Key, cancellationToken).ConfigureAwait(false);
                    queue.Forget(item.Key);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Whatever one object causes, the others are still reported and the workers go on.
                    LogReportFailed(logger, e, item.Key.Informer.ResourceType.Plural, item.Key.Key);
                    queue.AddRateLimited(item.Key);
                }
                finally
                {
                    queue.Done(item.Key);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }

            queue.ShutDown();
        }
    }

    /// <summary>The condition message: the field first, so that it survives truncation in kubectl's columns.</summary>
    public static string Message(UndecodableObject undecodable)
    {
        ArgumentNullException.ThrowIfNull(undecodable);
        var what = undecodable.Path.Length == 0 ? "this object" : undecodable.Path;
        return $"The operator cannot read {what}: {undecodable.Error} Nothing is reconciled for this {undecodable.Kind} until the field is fixed.";
    }

    private async Task ReportAsync(Report report, CancellationToken cancellationToken)
    {
        var undecodable = report.Informer.GetUndecodable(report.Key);
        if (undecodable is null)
        {
            // Readable again, or deleted.
            _handled.Remove(report);
            return;
        }

        var version = $"{undecodable.Uid}/{undecodable.ResourceVersion}";
        if (_handled.GetValueOrDefault(report) == version)
        {
            return;
        }

        var message = Message(undecodable);
        var record = true;
        if (report.Informer.ResourceType.Group == EcsApi.Group)
        {
            try
            {
                record = await WriteConditionsAsync(report.Informer.ResourceType, undecodable, message, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return;
            }
            catch (KubernetesApiException e) when (e.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
            {
                // The API server validates the whole object on a status write: an object stored before the CRD's
                // bounds breaks them, and only the Event can tell.
                LogConditionRefused(logger, report.Informer.ResourceType.Plural, report.Key, e.Message);
            }
        }

        if (record)
        {
            events.Record(Subject(undecodable), EcsEvents.Undecodable, message);
        }

        _handled[report] = version;
    }

    /// <summary>True when the conditions changed and were written; false when they already said so.</summary>
    private async Task<bool> WriteConditionsAsync(ResourceType type, UndecodableObject undecodable, string message, CancellationToken cancellationToken)
    {
        var existing = ExistingConditions(undecodable.Raw);
        var conditions = Conditions.NotReady(
            existing, ConditionReasons.Undecodable, message, degraded: true, undecodable.Generation, TimeTruncation.Now(time));
        if (Same(existing, conditions, ConditionTypes.Ready) && Same(existing, conditions, ConditionTypes.Degraded))
        {
            return false;
        }

        // A merge patch of the conditions only, guarded by the resource version that was read: the other status
        // fields stay as the reconcilers wrote them, and a newer version (reported next) is never overwritten.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = undecodable.ResourceVersion },
            ["status"] = new JsonObject { ["conditions"] = JsonNode.Parse(KubernetesJson.Serialize(conditions)) },
        };
        await writer.PatchStatusAsync(type, undecodable.Key, patch.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static List<Condition> ExistingConditions(JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Object
            || !raw.TryGetProperty("status", out var status)
            || status.ValueKind != JsonValueKind.Object
            || !status.TryGetProperty("conditions", out var conditions)
            || conditions.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        try
        {
            return KubernetesJson.Deserialize<List<Condition>>(conditions) ?? [];
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            // Conditions the model cannot read either are replaced.
            return [];
        }
    }

    private static bool Same(IReadOnlyList<Condition> before, IReadOnlyList<Condition> after, string type) =>
        Conditions.Find(before, type) is { } old && Conditions.Find(after, type) is { } now
        && (old.Status, old.Reason, old.Message, old.ObservedGeneration) == (now.Status, now.Reason, now.Message, now.ObservedGeneration);

    private static EventSubject Subject(UndecodableObject undecodable) => new()
    {
        ApiVersion = undecodable.ApiVersion,
        Kind = undecodable.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = undecodable.Key.Name,
            NamespaceProperty = undecodable.Key.Namespace.Length == 0 ? null : undecodable.Key.Namespace,
            Uid = undecodable.Uid,
            ResourceVersion = undecodable.ResourceVersion,
        },
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Could not report unreadable {Resource} {Key}; retrying")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string resource, ObjectKey key);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "The API server refused the Undecodable condition on {Resource} {Key} ({Reason}); an Event reports it instead")]
    private static partial void LogConditionRefused(ILogger logger, string resource, ObjectKey key, string reason);

    private readonly record struct Report(IInformer Informer, ObjectKey Key);

    /// <summary>What an Event needs of its object, without the typed model.</summary>
    private sealed class EventSubject : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public V1ObjectMeta Metadata { get; set; } = new();
    }
}
