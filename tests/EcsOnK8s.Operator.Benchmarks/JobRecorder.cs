using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// Watches the Jobs of a namespace (an informer on a client of its own) and records each Job once, by UID, with the
/// time its ADDED event arrived: the API server's view of when a run started, whoever created it.
/// </summary>
internal sealed class JobRecorder : IDisposable
{
    // Unix minutes from 2001 to 2160: a name segment in that range is a fire time, a schedule's index is not.
    private const long MinUnixMinute = 16_000_000;
    private const long MaxUnixMinute = 100_000_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ObservedJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private readonly Informer<V1Job> _informer;
    private readonly TimeProvider _time;
    private IDisposable? _subscription;

    private JobRecorder(KubernetesClientConfiguration config, string ns, TimeProvider time)
    {
        _time = time;
        _client = new Kubernetes(config);
        _informer = new InformerFactory(new KubernetesRestClient(_client), new InformerOptions { Namespaces = [ns] }).Get<V1Job>();
    }

    public static async Task<JobRecorder> StartAsync(KubernetesClientConfiguration config, string ns, TimeProvider time, CancellationToken cancellationToken)
    {
        var recorder = new JobRecorder(config, ns, time);
        recorder._subscription = recorder._informer.Subscribe(recorder.OnEvent);
        await recorder._informer.StartAsync(recorder._stop.Token).ConfigureAwait(false);
        await recorder._informer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        return recorder;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Count;
            }
        }
    }

    public IReadOnlyList<ObservedJob> Snapshot()
    {
        lock (_lock)
        {
            return [.. _jobs.Values];
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
        _client.Dispose();
    }

    private void OnEvent(ResourceEvent<V1Job> change)
    {
        var received = _time.GetUtcNow();
        if (change.Type != ResourceEventType.Added || change.Object.Metadata?.Uid is not { } uid)
        {
            return;
        }

        var job = change.Object;
        var observed = new ObservedJob(
            job.Metadata.Name, uid, ScheduleOf(job), FireTimeOf(job.Metadata.Name), received,
            job.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);
        lock (_lock)
        {
            _jobs.TryAdd(uid, observed);
        }
    }

    /// <summary>
    /// The schedule a Job runs for: its scheduled-task label, else its EcsScheduledTask controller owner, else its
    /// name without the last segment.
    /// </summary>
    public static string ScheduleOf(V1Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Metadata.Labels?.TryGetValue(WellKnownLabels.ScheduledTask, out var label) == true && !string.IsNullOrEmpty(label))
        {
            return label;
        }

        var owner = job.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == EcsScheduledTask.KindName);
        if (owner is not null)
        {
            return owner.Name;
        }

        var name = job.Metadata.Name ?? string.Empty;
        var dash = name.LastIndexOf('-');
        return dash > 0 ? name[..dash] : name;
    }

    /// <summary>
    /// The fire time a Job's name stands for: the last dash-separated segment that is a plausible unix minute (the
    /// CronJob controller's convention, <c>NAME-&lt;unix minutes&gt;</c>), so that a suffix after it (an attempt or a
    /// hash) does not hide it; null when there is none.
    /// </summary>
    public static DateTimeOffset? FireTimeOf(string? name)
    {
        var segments = (name ?? string.Empty).Split('-');
        for (var i = segments.Length - 1; i > 0; i--)
        {
            if (long.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) && minute is >= MinUnixMinute and <= MaxUnixMinute)
            {
                return DateTimeOffset.FromUnixTimeSeconds(minute * 60);
            }
        }

        return null;
    }
}
