using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>The list/watch loop of one scope (a namespace, or everything) of an informer.</summary>
internal sealed class Reflector<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    // A watch that ends this fast without delivering anything counts as a failure, so a server that closes every
    // watch at once is not hammered.
    private static readonly TimeSpan s_minHealthyWatch = TimeSpan.FromSeconds(1);

    private readonly Informer<T> _informer;
    private readonly IListWatchSource<T> _source;
    private readonly string? _scope;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics? _metrics;
    private readonly InformerOptions _options;
    private readonly string _resource;
    private readonly string _scopeName;

    public Reflector(Informer<T> informer, IListWatchSource<T> source, string? scope, TimeProvider time, ILogger logger, RuntimeMetrics? metrics)
    {
        _informer = informer;
        _source = source;
        _scope = scope;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _options = informer.Options;
        _resource = informer.ResourceType.Plural;
        _scopeName = scope ?? "all namespaces";
    }

    public bool HasListed { get; private set; }

    // Whether the current (or last) watch delivered anything.
    private bool _watchDelivered;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var listReason = "initial";
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(listReason, cancellationToken).ConfigureAwait(false);
                    HasListed = true;
                    _informer.MarkSynced();
                }

                var outcome = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                resourceVersion = outcome.ResourceVersion;
                _metrics?.WatchRestarts.WithLabels(_resource, outcome.Reason).Inc();
                InformerLog.WatchEnded(_logger, _resource, _scopeName, outcome.Reason, resourceVersion ?? "(relist)");
                if (outcome.Healthy)
                {
                    failures = 0;
                }
                else if (resourceVersion is not null)
                {
                    failures++;
                    await DelayAsync(failures, null, cancellationToken).ConfigureAwait(false);
                }

                if (resourceVersion is null)
                {
                    listReason = "expired";
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubernetesApiException e) when (e.IsExpired)
            {
                InformerLog.Expired(_logger, _resource, _scopeName, resourceVersion ?? string.Empty);
                _metrics?.WatchRestarts.WithLabels(_resource, "expired").Inc();
                resourceVersion = null;
                listReason = "expired";
            }
            catch (Exception e)
            {
                // A watch that worked (it delivered, or the API server answered it and the connection broke later)
                // starts the backoff over: a quiet watch cut every few seconds by a proxy must not double its wait
                // at each cut, as a refused one does.
                failures = _watchDelivered || e is WatchCutException ? 1 : failures + 1;
                _watchDelivered = false;
                _metrics?.WatchRestarts.WithLabels(_resource, "error").Inc();
                if (resourceVersion is null)
                {
                    listReason = "error";
                }

                try
                {
                    await DelayAsync(failures, e, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task DelayAsync(int failures, Exception? error, CancellationToken cancellationToken)
    {
        var delay = Backoff(failures);
        if (error is not null)
        {
            InformerLog.Failed(_logger, _resource, _scopeName, failures, delay, error);
        }

        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 30);
        var baseDelay = Math.Min(_options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxBackoff.TotalMilliseconds);
        var jittered = baseDelay * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxBackoff.TotalMilliseconds));
    }

    private async Task<string> ListAsync(string reason, CancellationToken cancellationToken)
    {
        _metrics?.Relists.WithLabels(_resource, reason).Inc();
        var items = new List<T>();
        var undecodable = new List<UndecodableObject>();
        string? @continue = null;
        string resourceVersion;
        var pageSize = _options.PageSize;
        while (true)
        {
            ResourcePage<T> page;
            try
            {
                page = await _source.ListAsync(new ListRequest(_scope, _options.LabelSelector, pageSize, @continue), cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsExpired && @continue is not null)
            {
                // The continue token outlived the compaction window: take the whole list in one go instead.
                items.Clear();
                undecodable.Clear();
                @continue = null;
                pageSize = 0;
                continue;
            }

            // Trimmed page by page: the objects of a whole LIST (all of a kind's at start-up) are never held as decoded.
            foreach (var item in page.Items)
            {
                _informer.Prepare(item);
            }

            items.AddRange(page.Items);
            undecodable.AddRange(page.Undecodable);
            resourceVersion = page.ResourceVersion;
            @continue = page.Continue;
            if (@continue is null)
            {
                break;
            }
        }

        _informer.Replace(_scope, items, undecodable);
        InformerLog.Listed(_logger, _resource, _scopeName, items.Count, resourceVersion, reason);
        return resourceVersion;
    }

    private async Task<WatchOutcome> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = _options.MinWatchTimeout + (_options.MaxWatchTimeout - _options.MinWatchTimeout) * Random.Shared.NextDouble();
        using var idle = new CancellationTokenSource(_options.IdleTimeout, _time);
        using var deadline = new CancellationTokenSource(timeout + _options.WatchDeadlineGrace, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, deadline.Token);
        var started = _time.GetTimestamp();
        var delivered = false;
        _watchDelivered = false;
        var request = new WatchRequest(_scope, _options.LabelSelector, resourceVersion, timeout);
        try
        {
            await foreach (var change in _source.WatchAsync(request, linked.Token).ConfigureAwait(false))
            {
                idle.CancelAfter(_options.IdleTimeout);
                delivered = true;
                _watchDelivered = true;
                switch (change.Type)
                {
                    case WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted when change.Object is not null:
                        _informer.Apply(change.Type, change.Object);
                        resourceVersion = change.Object.Metadata?.ResourceVersion ?? resourceVersion;
                        break;
                    case WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted when change.Undecodable is { } undecodable:
                        _informer.ApplyUndecodable(change.Type, undecodable);
                        resourceVersion = undecodable.ResourceVersion ?? resourceVersion;
                        break;
                    case WatchEventType.Bookmark when change.Object is not null:
                        resourceVersion = change.Object.Metadata?.ResourceVersion ?? resourceVersion;
                        break;
                    case WatchEventType.Bookmark when change.Undecodable is { } undecodable:
                        resourceVersion = undecodable.ResourceVersion ?? resourceVersion;
                        break;
                    case WatchEventType.Error when change.Status?.Code == 410:
                        InformerLog.Expired(_logger, _resource, _scopeName, resourceVersion);
                        return new WatchOutcome(null, "expired", true);
                    case WatchEventType.Error:
                        throw new KubernetesApiException(
                            (System.Net.HttpStatusCode)(change.Status?.Code ?? 500), change.Status, $"watch error: {change.Status?.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && idle.IsCancellationRequested)
        {
            return new WatchOutcome(resourceVersion, "idle", true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            return new WatchOutcome(resourceVersion, "deadline", true);
        }

        var healthy = delivered || _time.GetElapsedTime(started) >= s_minHealthyWatch;
        return new WatchOutcome(resourceVersion, "closed", healthy);
    }

    private sealed record WatchOutcome(string? ResourceVersion, string Reason, bool Healthy);
}
