using System.Collections.Concurrent;
using Prometheus;

namespace EcsOnK8s.Runtime.Diagnostics;

/// <summary>
/// The Prometheus metrics of the runtime, created in one registry. The host uses the default registry; tests and
/// benchmarks pass their own so that figures do not leak between them.
/// </summary>
public sealed class RuntimeMetrics
{
    private static readonly double[] s_durationBuckets = Histogram.ExponentialBuckets(0.001, 2, 16);

    // 100 µs to 52 s: a reconcile's own time is mostly well under a millisecond.
    private static readonly double[] s_fineDurationBuckets = Histogram.ExponentialBuckets(0.0001, 2, 20);

    private readonly ConcurrentDictionary<string, QueueProbe> _queues = new(StringComparer.Ordinal);

    /// <summary>Metrics in <paramref name="registry"/>, or in prometheus-net's default registry when null.</summary>
    public RuntimeMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Prometheus.Metrics.DefaultRegistry;
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);

        ApiRequests = factory.CreateCounter(
            "ecsonk8s_api_requests_total", "Kubernetes API requests by verb and HTTP status code.", ["verb", "code"]);

        QueueDepth = factory.CreateGauge("ecsonk8s_workqueue_depth", "Keys waiting in the work queue.", ["name"]);
        QueueDelayed = factory.CreateGauge(
            "ecsonk8s_workqueue_delayed",
            "Keys waiting for a delay (coalesced changes, timed requeues, retries) before they enter the work queue.", ["name"]);
        QueueAdds = factory.CreateCounter("ecsonk8s_workqueue_adds_total", "Keys added to the work queue.", ["name"]);
        QueueRetries = factory.CreateCounter(
            "ecsonk8s_workqueue_retries_total", "Rate-limited re-adds (retries) to the work queue.", ["name"]);
        QueueLatency = factory.CreateHistogram(
            "ecsonk8s_workqueue_queue_duration_seconds", "Time a key waits in the queue before a worker takes it.",
            ["name"], new HistogramConfiguration { Buckets = s_durationBuckets });
        WorkDuration = factory.CreateHistogram(
            "ecsonk8s_workqueue_work_duration_seconds", "Time a worker holds a key.",
            ["name"], new HistogramConfiguration { Buckets = s_durationBuckets });

        // client-go's names: what alerts on a stuck controller are written against.
        QueueUnfinishedWork = factory.CreateGauge(
            "ecsonk8s_workqueue_unfinished_work_seconds",
            "Seconds of work in progress that no worker has finished (sum over the keys workers hold): grows when a worker is stuck.",
            ["name"]);
        QueueLongestRunningProcessor = factory.CreateGauge(
            "ecsonk8s_workqueue_longest_running_processor_seconds",
            "Seconds the longest-held key has been held by its worker.", ["name"]);
        Registry.AddBeforeCollectCallback(UpdateQueueGauges);

        Reconciles = factory.CreateCounter(
            "ecsonk8s_reconcile_total",
            "Reconciles by controller and result (done, requeue_after, transient_error, terminal_error).", ["controller", "result"]);
        ReconcileErrors = factory.CreateCounter(
            "ecsonk8s_reconcile_errors_total", "Reconciles that failed (transient, terminal or exception).", ["controller"]);
        ReconcileDuration = factory.CreateHistogram(
            "ecsonk8s_reconcile_duration_seconds", "Reconcile duration by controller.",
            ["controller"], new HistogramConfiguration { Buckets = s_durationBuckets });
        ReconcileOwnDuration = factory.CreateHistogram(
            "ecsonk8s_reconcile_own_duration_seconds",
            "Reconcile duration by controller without the time a Kubernetes API request of the reconcile was in flight.",
            ["controller"], new HistogramConfiguration { Buckets = s_fineDurationBuckets });

        WatchRestarts = factory.CreateCounter(
            "ecsonk8s_informer_watch_restarts_total", "Watches restarted, by resource and reason.", ["resource", "reason"]);
        Relists = factory.CreateCounter(
            "ecsonk8s_informer_relists_total", "Full lists by resource (initial, expired resource version, error).", ["resource", "reason"]);
        CachedObjects = factory.CreateGauge(
            "ecsonk8s_informer_cached_objects", "Objects held in an informer's cache.", ["resource"]);

        LeaderElectionIsLeader = factory.CreateGauge(
            "ecsonk8s_leader_election_is_leader", "1 while this replica holds the leader election lease, 0 otherwise.", ["lease"]);
        LeaderElectionEvents = factory.CreateCounter(
            "ecsonk8s_leader_election_events_total",
            "Leader election events seen by this replica: started_leading, stopped_leading, new_leader, error.",
            ["lease", "event"]);
    }

    public CollectorRegistry Registry { get; }

    public Counter ApiRequests { get; }

    public Gauge QueueDepth { get; }

    /// <summary>
    /// Keys that will enter the queue once their delay is over. Pending work as much as <see cref="QueueDepth"/>:
    /// an operator is at rest only when both are zero and no worker holds a key.
    /// </summary>
    public Gauge QueueDelayed { get; }

    public Counter QueueAdds { get; }

    public Counter QueueRetries { get; }

    public Histogram QueueLatency { get; }

    public Histogram WorkDuration { get; }

    /// <summary>Refreshed from the queues' own bookkeeping on every collection (see <see cref="UpdateQueueGauges"/>).</summary>
    public Gauge QueueUnfinishedWork { get; }

    /// <summary>Refreshed from the queues' own bookkeeping on every collection (see <see cref="UpdateQueueGauges"/>).</summary>
    public Gauge QueueLongestRunningProcessor { get; }

    public Counter Reconciles { get; }

    public Counter ReconcileErrors { get; }

    public Histogram ReconcileDuration { get; }

    /// <summary>Reconcile duration minus the time it had a Kubernetes API request in flight (<see cref="ApiWait"/>).</summary>
    public Histogram ReconcileOwnDuration { get; }

    public Counter WatchRestarts { get; }

    public Counter Relists { get; }

    public Gauge CachedObjects { get; }

    public Gauge LeaderElectionIsLeader { get; }

    public Counter LeaderElectionEvents { get; }

    /// <summary>
    /// API requests that change state (POST, PUT, PATCH, DELETE) counted so far, all status codes: what a
    /// converged cluster should see none of.
    /// </summary>
    public double MutatingRequests()
    {
        double total = 0;
        foreach (var labels in ApiRequests.GetAllLabelValues())
        {
            if (labels[0] is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                total += ApiRequests.WithLabels(labels).Value;
            }
        }

        return total;
    }

    /// <summary>
    /// Reports a queue's work in progress under <paramref name="name"/> until the returned handle is disposed.
    /// <paramref name="read"/> is called at collection time; it returns the summed and the longest holding time.
    /// </summary>
    public IDisposable TrackQueue(string name, Func<(TimeSpan Unfinished, TimeSpan Longest)> read)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(read);
        var probe = new QueueProbe(this, name, read);
        _queues[name] = probe;
        return probe;
    }

    /// <summary>
    /// Sets the stuck-work gauges from the tracked queues. Runs before every collection of the registry; tests that
    /// read the gauges directly call it first.
    /// </summary>
    public void UpdateQueueGauges()
    {
        foreach (var (name, probe) in _queues)
        {
            var (unfinished, longest) = probe.Read();
            QueueUnfinishedWork.WithLabels(name).Set(unfinished.TotalSeconds);
            QueueLongestRunningProcessor.WithLabels(name).Set(longest.TotalSeconds);
        }
    }

    private sealed class QueueProbe(RuntimeMetrics owner, string name, Func<(TimeSpan Unfinished, TimeSpan Longest)> read) : IDisposable
    {
        public (TimeSpan Unfinished, TimeSpan Longest) Read() => read();

        public void Dispose()
        {
            // A queue of the same name may have replaced this one (a controller rebuilt): only the holder untracks.
            if (owner._queues.TryRemove(new KeyValuePair<string, QueueProbe>(name, this)))
            {
                owner.QueueUnfinishedWork.WithLabels(name).Set(0);
                owner.QueueLongestRunningProcessor.WithLabels(name).Set(0);
            }
        }
    }
}
