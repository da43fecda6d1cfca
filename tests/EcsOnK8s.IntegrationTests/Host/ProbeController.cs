using EcsOnK8s.Runtime;
using k8s;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// A stand-in controller for host tests: its "informer" lists namespaces through the host's client and reports
/// synced only when the test allows it; its workers run one slow reconcile after another, and a reconcile in flight
/// when the stop comes is allowed to finish.
/// </summary>
internal sealed class ProbeController : IManagedController
{
    private readonly IKubernetes _client;
    private readonly TaskCompletionSource _syncAllowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _workersStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _workersStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _synced;
    private int _reconciles;
    private int _reconcilesFinishedAfterStop;

    public ProbeController(IKubernetes client)
    {
        _client = client;
    }

    public static readonly TimeSpan ReconcileDuration = TimeSpan.FromMilliseconds(400);

    public string Name => "probe";

    public bool HasSynced => _synced;

    public Task WorkersStarted => _workersStarted.Task;

    public Task WorkersStopped => _workersStopped.Task;

    public int Reconciles => Volatile.Read(ref _reconciles);

    public int ReconcilesFinishedAfterStop => Volatile.Read(ref _reconcilesFinishedAfterStop);

    public void AllowSync() => _syncAllowed.TrySetResult();

    /// <summary>One LIST through the host's client, which counts it in ecsonk8s_api_requests_total.</summary>
    public Task ListNamespacesAsync() => _client.CoreV1.ListNamespaceAsync(limit: 1);

    public Task StartInformersAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            await ListNamespacesAsync();
            await _syncAllowed.Task.WaitAsync(cancellationToken);
            _synced = true;
        }, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        _workersStarted.TrySetResult();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // A reconcile is not interrupted by the stop signal: the host has to wait for it.
                await Task.Delay(ReconcileDuration, CancellationToken.None);
                Interlocked.Increment(ref _reconciles);
                if (cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _reconcilesFinishedAfterStop);
                }
            }
        }
        finally
        {
            _workersStopped.TrySetResult();
        }
    }
}
