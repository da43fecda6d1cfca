using Prometheus;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>Gauges of the host itself, refreshed on every scrape of /metrics.</summary>
public sealed class HostMetrics
{
    private readonly OperatorStatus _status;
    private readonly Gauge _cacheSynced;
    private readonly Gauge _ready;
    private readonly Gauge _workersRunning;

    public HostMetrics(CollectorRegistry registry, OperatorStatus status)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _status = status;
        var factory = Metrics.WithCustomRegistry(registry);
        _cacheSynced = factory.CreateGauge(
            "ecsonk8s_controller_cache_synced", "1 once every informer of the controller has listed and is watching.", ["controller"]);
        _ready = factory.CreateGauge("ecsonk8s_ready", "1 while /readyz answers 200.");
        _workersRunning = factory.CreateGauge(
            "ecsonk8s_workers_running", "1 while this replica runs the controllers' workers (it leads, or election is off).");
    }

    public void Refresh()
    {
        foreach (var controller in _status.Controllers)
        {
            _cacheSynced.WithLabels(controller.Name).Set(controller.HasSynced ? 1 : 0);
        }

        _ready.Set(_status.IsReady ? 1 : 0);
        _workersRunning.Set(_status.WorkersRunning ? 1 : 0);
    }
}
