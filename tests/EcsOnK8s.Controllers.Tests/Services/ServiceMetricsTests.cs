using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime;
using Prometheus;

namespace EcsOnK8s.Controllers.Tests.Services;

public class ServiceMetricsTests
{
    private static readonly ObjectKey Key = new("shop", "web");

    private static EcsServiceStatus Status(string? id, string? rolloutState, int desired = 3, int running = 2, int pending = 1) => new()
    {
        DesiredCount = desired,
        RunningCount = running,
        PendingCount = pending,
        Deployments = id is null ? null : [new ServiceDeployment { Id = id, Status = ServiceStatusCalculator.Primary, RolloutState = rolloutState }],
    };

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static TheoryData<string, EcsServiceStatus?, EcsServiceStatus[], double, double> Rollouts => new()
    {
        // name, status seen at start (null: new service), statuses written in turn, completed, failed
        { "new service completes", null, [Status("d1", "IN_PROGRESS"), Status("d1", "COMPLETED")], 1, 0 },
        { "same state written twice", null, [Status("d1", "COMPLETED"), Status("d1", "COMPLETED")], 1, 0 },
        { "completed before a restart", Status("d1", "COMPLETED"), [Status("d1", "COMPLETED")], 0, 0 },
        { "second rollout fails", Status("d1", "COMPLETED"), [Status("d2", "IN_PROGRESS"), Status("d2", "FAILED")], 0, 1 },
        { "rolled back then completed", Status("d1", "COMPLETED"), [Status("d2", "FAILED"), Status("d3", "COMPLETED")], 1, 1 },
        { "never ends", null, [Status("d1", "IN_PROGRESS"), Status("d1", "IN_PROGRESS")], 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Rollouts))]
    public void Observe_Statuses_CountsEachEndedRolloutOnce(string name, EcsServiceStatus? start, EcsServiceStatus[] written, double completed, double failed)
    {
        var metrics = new ServiceMetrics(Metrics.NewCustomRegistry());
        metrics.Remember(Key, start);
        foreach (var status in written)
        {
            metrics.Observe(Key, status);
        }

        Assert.True(
            (completed, failed) == (metrics.Rollouts.WithLabels("shop", "web", "completed").Value, metrics.Rollouts.WithLabels("shop", "web", "failed").Value),
            $"{name}: expected {completed} completed, {failed} failed");
    }

    [Fact]
    public async Task ReconcileAsync_ServiceThenDeleted_GaugesSetThenRemoved()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ServiceMetrics(registry);
        var td = Seeds.TaskDefinition();
        await using (var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service()))
        {
            await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time, metrics)
                .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        }

        var text = await ExportAsync(registry);
        Assert.Contains($"ecsonk8s_service_desired_tasks{{namespace=\"{Seeds.Namespace}\",service=\"api\"}} 2", text, StringComparison.Ordinal);
        Assert.Contains($"ecsonk8s_service_running_tasks{{namespace=\"{Seeds.Namespace}\",service=\"api\"}} 0", text, StringComparison.Ordinal);

        await using (var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1)))
        {
            await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time, metrics)
                .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        }

        Assert.DoesNotContain("service=\"api\"", await ExportAsync(registry), StringComparison.Ordinal);
    }
}
