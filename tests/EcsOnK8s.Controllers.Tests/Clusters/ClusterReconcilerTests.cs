using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Clusters;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Controllers.Tests.Clusters;

public class ClusterReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_ValidClusterWithAService_ActiveReadyAndCounted()
    {
        var service = Seeds.Service();
        service.Status = new EcsServiceStatus { RunningCount = 2, PendingCount = 1 };
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), service);

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("prod"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var status = world.Writer.LastStatus<EcsClusterStatus>();
        Assert.Equal("ACTIVE", status.Status);
        Assert.Equal((1, 2, 1), (status.ActiveServicesCount, status.RunningTasksCount, status.PendingTasksCount));
        Assert.True(Conditions.IsTrue(status.Conditions, ConditionTypes.Ready));
    }

    [Fact]
    public async Task ReconcileAsync_InvalidSpec_FailedAndDegradedWithTheField()
    {
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(spec: """{"storage": {"sharedVolumeSize": "lots"}}"""));

        await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("prod"), CancellationToken.None);

        var status = world.Writer.LastStatus<EcsClusterStatus>();
        Assert.Equal("FAILED", status.Status);
        var degraded = Conditions.Find(status.Conditions, ConditionTypes.Degraded);
        Assert.Equal(("True", ConditionReasons.InvalidSpec), (degraded?.Status, degraded?.Reason));
        Assert.Contains("spec.storage.sharedVolumeSize", degraded?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_Absent_WritesNothing()
    {
        await using var world = await ReconcilerWorld.StartAsync();

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("prod"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Empty(world.Writer.Statuses);
    }

    private static ClusterReconciler Reconciler(ReconcilerWorld world) => new(world.Informers, world.Writer, world.Time);
}
