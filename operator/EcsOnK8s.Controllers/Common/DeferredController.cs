using EcsOnK8s.Runtime;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// A controller whose shape depends on the cluster (e.g. which HPA version to watch): it is built when the host
/// starts informers, after discovery, not when services are registered, so start-up never blocks on the API server.
/// </summary>
public sealed class DeferredController(string name, Func<CancellationToken, Task<IManagedController>> build) : IManagedController
{
    private readonly Lock _lock = new();
    private Task<IManagedController>? _building;
    private IManagedController? _inner;

    public string Name { get; } = name;

    public bool HasSynced => _inner?.HasSynced == true;

    public async Task StartInformersAsync(CancellationToken cancellationToken)
    {
        var inner = await GetAsync(cancellationToken).ConfigureAwait(false);
        await inner.StartInformersAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        var inner = await GetAsync(cancellationToken).ConfigureAwait(false);
        await inner.RunWorkersAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IManagedController> GetAsync(CancellationToken cancellationToken)
    {
        Task<IManagedController> building;
        lock (_lock)
        {
            building = _building ??= build(cancellationToken);
        }

        try
        {
            return _inner = await building.ConfigureAwait(false);
        }
        catch
        {
            lock (_lock)
            {
                // A failed build (API server not reachable yet) is tried again by the next caller.
                if (_building == building)
                {
                    _building = null;
                }
            }

            throw;
        }
    }
}
