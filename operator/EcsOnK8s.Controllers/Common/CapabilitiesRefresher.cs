using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Discovery;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Discovers the cluster's APIs again every interval, on the leader, so that a CRD installed or removed (KEDA, the
/// AWS Load Balancer Controller, Gateway API, External Secrets) is seen without a restart: discovery raises
/// <see cref="ICapabilitiesSource.IntegrationsChanged"/> and the controllers queue their objects. A discovery that
/// finds what the last one found queues nothing. No informer: a handful of GETs of discovery documents per interval.
/// </summary>
public sealed partial class CapabilitiesRefresher(ClusterCapabilitiesDiscovery discovery, TimeSpan interval, TimeProvider time, ILogger logger)
    : IManagedController
{
    private long _refreshes;

    public string Name => "capabilities";

    public bool HasSynced => true;

    /// <summary>Discoveries completed (failed ones included): a barrier for tests.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    public Task StartInformersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                await discovery.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Nothing discovered yet and the server unreachable: the next interval tries again.
                LogRefreshFailed(logger, e);
            }

            Interlocked.Increment(ref _refreshes);
        }
    }

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Periodic discovery failed; trying again at the next interval")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
