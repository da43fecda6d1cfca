using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// One operator replica behind its own <see cref="ApiServerProxy"/>: the proxy outlives the process, so a replica
/// killed at a write is restarted behind the same proxy and its writes keep being numbered in one sequence.
/// </summary>
internal sealed class ProxiedOperator : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly string _kubeconfig;
    private readonly string _hostName;
    private readonly string[] _flags;
    private readonly string _work;
    private int _starts;
    private long _lastWrites = -1;

    private ProxiedOperator(ApiServerProxy proxy, string kubeconfig, string hostName, string work, string[] flags)
    {
        Proxy = proxy;
        _kubeconfig = kubeconfig;
        _hostName = hostName;
        _work = work;
        _flags = flags;
    }

    public ApiServerProxy Proxy { get; }

    /// <summary>The running process (the latest one after a restart).</summary>
    public OperatorProcess Process { get; private set; } = null!;

    /// <summary>The log files of every process started, for failure messages.</summary>
    public string Work => _work;

    public static async Task<ProxiedOperator> StartAsync(ReliabilityFixture fixture, string hostName, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var proxy = await ApiServerProxy.StartAsync(fixture.Config);
        var work = Directory.CreateTempSubdirectory($"ecsonk8s-rel-{hostName}-").FullName;
        var kubeconfig = Path.Combine(work, "proxy.kubeconfig");
        await proxy.WriteKubeconfigAsync(kubeconfig);
        var started = new ProxiedOperator(proxy, kubeconfig, hostName, work, flags);
        await started.RestartAsync();
        return started;
    }

    /// <summary>Starts a new process (the previous one must have exited) and, unless told not to, waits until it is ready.</summary>
    public async Task RestartAsync(bool waitReady = true)
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        Proxy.Reset();
        _starts++;
        Process = OperatorProcess.Start(_kubeconfig, _hostName, Path.Combine(_work, $"operator-{_starts}.log"), _flags);
        if (waitReady)
        {
            await Process.WaitReadyAsync(ReadyTimeout);
        }
    }

    /// <summary>
    /// Waits until the operator has nothing to do: no key queued or waiting for a delay, every key handed out marked
    /// done, and no write through the proxy across two scrapes.
    /// </summary>
    public async Task IdleAsync(TimeSpan timeout)
    {
        var quiet = await Eventually.HoldsAsync(
            async () => Process.HasExited
                ? throw new InvalidOperationException($"the operator exited while the test waited for it to be idle:\n{Process.Tail()}")
                : await IsQuietAsync(),
            timeout,
            poll: TimeSpan.FromMilliseconds(500));
        if (!quiet)
        {
            throw new TimeoutException($"the operator was not idle within {timeout}:\n{Process.Tail()}");
        }
    }

    /// <summary>One look for <see cref="IdleAsync"/>: idle work queues now, and no write since the previous look.</summary>
    public async Task<bool> IsQuietAsync()
    {
        MetricsSnapshot metrics;
        try
        {
            metrics = await Process.ScrapeAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Killed or not up yet: not quiet.
            return false;
        }

        var depth = metrics.Samples("ecsonk8s_workqueue_depth").Sum(s => s.Value);
        var delayed = metrics.Samples("ecsonk8s_workqueue_delayed").Sum(s => s.Value);
        var handedOut = metrics.Samples("ecsonk8s_workqueue_queue_duration_seconds_count").Sum(s => s.Value);
        var done = metrics.Samples("ecsonk8s_workqueue_work_duration_seconds_count").Sum(s => s.Value);
        var writes = Proxy.WriteCount;
        var quiet = writes == _lastWrites;
        _lastWrites = writes;
        return depth == 0 && delayed == 0 && handedOut == done && quiet;
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        await Proxy.DisposeAsync();
    }
}
