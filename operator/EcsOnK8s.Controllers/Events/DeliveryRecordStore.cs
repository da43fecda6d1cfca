using System.Collections.Concurrent;
using System.Net;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Translation.Naming;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Keeps each rule's <see cref="DeliveryRecord"/> in a ConfigMap of the rule's namespace, named after the rule's UID
/// (<c>ecsonk8s-rule-UID</c>, so a rule deleted and created again starts afresh) and owned by the rule (it goes with
/// it). Records are read from the ConfigMap cache when a rule is first seen; writes are coalesced: at most one per
/// rule per <see cref="EventDeliveryOptions.WriteInterval"/>, and none while nothing changed.
/// </summary>
public sealed class DeliveryRecordStore
{
    public const string NamePrefix = "ecsonk8s-rule-";

    private readonly IKubernetes _kubernetes;
    private readonly Informer<V1ConfigMap> _configMaps;
    private readonly EventDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (CompiledRule Rule, DeliveryRecord Record)> _records = new(StringComparer.Ordinal);

    public DeliveryRecordStore(IKubernetes kubernetes, Informer<V1ConfigMap> configMaps, EventDeliveryOptions options, TimeProvider time, ILogger? logger = null)
    {
        _kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        _configMaps = configMaps ?? throw new ArgumentNullException(nameof(configMaps));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
    }

    public static string NameOf(string ruleUid) => NamePrefix + ruleUid;

    /// <summary>The record of a rule: the one in memory, else the one stored, else an empty one.</summary>
    public DeliveryRecord For(CompiledRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var entry = _records.AddOrUpdate(
            rule.Uid,
            _ => (rule, Load(rule)),
            (_, existing) => (rule, existing.Record));
        return entry.Record;
    }

    /// <summary>Drops the record of a deleted rule from memory (the API server collects its ConfigMap).</summary>
    public void Forget(string ruleUid) => _records.TryRemove(ruleUid, out _);

    /// <summary>Drops every record from memory (leadership lost): the next leader reads them again.</summary>
    public void Clear() => _records.Clear();

    /// <summary>Writes the changed records every interval until cancelled, and once more at the end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.WriteInterval, _time, cancellationToken).ConfigureAwait(false);
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes every record that changed since its last write.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (rule, record) in _records.Values)
        {
            if (!record.Dirty)
            {
                continue;
            }

            var data = record.Encode([.. rule.Targets.Select(t => t.Id)]);
            try
            {
                await WriteAsync(rule.Rule, data, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                EventsLog.RecordWriteFailed(_logger, e, rule.Key.Namespace, NameOf(rule.Uid));
                record.Touch();
            }
        }
    }

    private DeliveryRecord Load(CompiledRule rule)
    {
        var stored = _configMaps.Store.Get(new ObjectKey(rule.Key.Namespace, NameOf(rule.Uid)));
        if (stored is null)
        {
            return new DeliveryRecord();
        }

        var record = DeliveryRecord.Decode(stored.Data, out var unreadable);
        if (unreadable > 0)
        {
            EventsLog.RecordUnreadable(_logger, rule.Key.Namespace, NameOf(rule.Uid));
        }

        return record;
    }

    private async Task WriteAsync(EcsEventRule rule, Dictionary<string, string> data, CancellationToken cancellationToken)
    {
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(rule, NameOf(rule.Metadata.Uid), WellKnownLabels.EventRecordDeliveries),
            Data = data,
        };
        try
        {
            await _kubernetes.CoreV1.ReplaceNamespacedConfigMapAsync(configMap, configMap.Metadata.Name, rule.Metadata.NamespaceProperty, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            await _kubernetes.CoreV1.CreateNamespacedConfigMapAsync(configMap, rule.Metadata.NamespaceProperty, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Metadata of a ConfigMap of the rule's deliveries: managed-by (so the operator's cache holds it), the rule's labels, owned by the rule.</summary>
    internal static V1ObjectMeta Metadata(EcsEventRule rule, string name, string recordKind) => new()
    {
        Name = name,
        NamespaceProperty = rule.Metadata.NamespaceProperty,
        Labels = new Dictionary<string, string>
        {
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
            [WellKnownLabels.EventRule] = KubeNames.LabelValue(rule.Metadata.Name),
            [WellKnownLabels.EventRecord] = recordKind,
        },
        OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = rule.ApiVersion ?? $"{EcsApi.Group}/{EcsApi.Version}",
                Kind = EcsEventRule.KindName,
                Name = rule.Metadata.Name,
                Uid = rule.Metadata.Uid,
            },
        ],
    };
}
