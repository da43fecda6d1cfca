using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Translation.Workloads.Keda;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Services;

/// <summary>
/// The service reconciler where KEDA is installed: the ScaledObject is applied and the operator's HPA pruned; where
/// it is not (any more), the HPA is applied and KEDA's kinds are not listed (a LIST of a kind the server does not
/// serve fails).
/// </summary>
public class KedaReconcileTests
{
    private static readonly DiscoveredCapabilities WithKeda = new FixedCapabilities().Capabilities with { KedaApiVersion = "keda.sh/v1alpha1" };

    private static EcsService Service() => Seeds.Service("""
        {"cluster": "prod", "taskDefinition": "web", "desiredCount": 2,
         "autoScaling": {"minCapacity": 1, "maxCapacity": 6, "targetTrackingPolicies": [
           {"targetValue": 60, "predefinedMetricSpecification": {"predefinedMetricType": "ECSServiceAverageCPUUtilization"}},
           {"targetValue": 25, "customizedMetricSpecification": {"namespace": "AWS/SQS", "metricName": "ApproximateNumberOfMessagesVisible",
             "dimensions": [{"name": "QueueName", "value": "jobs"}]}}]}}
        """);

    private static async Task<ReconcilerWorld> ReconcileAsync(DiscoveredCapabilities? capabilities, EcsEventSettings? settings = null, EcsService? service = null)
    {
        var td = Seeds.TaskDefinition();
        var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service ?? Service());
        var source = capabilities is null ? world.Capabilities : new FixedCapabilities { Capabilities = capabilities };
        await new ServiceReconciler(world.Informers, world.Writer, world.Events, source, world.Time, aws: settings)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        return world;
    }

    [Fact]
    public async Task ReconcileAsync_KedaInstalled_AppliesTheScaledObjectAndPrunesTheHpa()
    {
        await using var world = await ReconcileAsync(WithKeda);

        var scaled = Assert.Single(world.Writer.AppliedOf<ScaledObject>());
        Assert.Equal(("EcsService", "api"), (scaled.Spec.ScaleTargetRef.Kind, scaled.Spec.ScaleTargetRef.Name));
        Assert.Equal(["cpu", "aws-sqs-queue"], scaled.Spec.Triggers.Select(t => t.Type));
        Assert.Single(world.Writer.AppliedOf<TriggerAuthentication>());
        Assert.Empty(world.Writer.AppliedOf<V2HorizontalPodAutoscaler>());
        Assert.All(world.Writer.Applied.Where(a => a.Child is ScaledObject or TriggerAuthentication), a => Assert.Equal("api", a.Owner?.Metadata.Name));

        // The HPA rendered before KEDA came is pruned: its kind is listed and it is not desired.
        var prune = Assert.Single(world.Writer.Pruned);
        Assert.Contains(ResourceTypes.HorizontalPodAutoscalerV2, prune.Kinds);
        Assert.Contains(ResourceTypes.ScaledObject, prune.Kinds);
        Assert.Contains(ResourceTypes.TriggerAuthentication, prune.Kinds);
        Assert.DoesNotContain(prune.Desired, d => d is V2HorizontalPodAutoscaler);
    }

    [Fact]
    public async Task ReconcileAsync_KedaGone_HpaAgainAndKedasKindsNotListed()
    {
        await using var world = await ReconcileAsync(capabilities: null);

        var hpa = Assert.Single(world.Writer.AppliedOf<V2HorizontalPodAutoscaler>());
        Assert.Equal(("EcsService", "api"), (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Empty(world.Writer.AppliedOf<ScaledObject>());
        var prune = Assert.Single(world.Writer.Pruned);
        Assert.DoesNotContain(ResourceTypes.ScaledObject, prune.Kinds);
        Assert.DoesNotContain(ResourceTypes.TriggerAuthentication, prune.Kinds);
    }

    [Fact]
    public async Task ReconcileAsync_EventsRegionAndAccount_BuildTheQueueUrl()
    {
        await using var world = await ReconcileAsync(WithKeda, new EcsEventSettings { Region = "eu-central-1", Account = "210987654321" });

        var trigger = Assert.Single(Assert.Single(world.Writer.AppliedOf<ScaledObject>()).Spec.Triggers, t => t.Type == "aws-sqs-queue");
        Assert.Equal(("https://sqs.eu-central-1.amazonaws.com/210987654321/jobs", "eu-central-1"), (trigger.Metadata["queueURL"], trigger.Metadata["awsRegion"]));
    }

    // KEDA's kinds have no informer: pruning them is a LIST each, paid only by services that scale or just stopped.
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task ReconcileAsync_NotScaling_KedasKindsListedOnlyRightAfterScalingWasRemoved(bool scaledBefore, bool listed)
    {
        var service = Seeds.Service("""{"cluster": "prod", "taskDefinition": "web", "desiredCount": 2}""");
        if (scaledBefore)
        {
            service.Status = new EcsServiceStatus { AutoScaling = new ServiceScalingStatus { MinCapacity = 1, MaxCapacity = 6 } };
        }

        await using var world = await ReconcileAsync(WithKeda, service: service);

        Assert.Empty(world.Writer.AppliedOf<ScaledObject>());
        Assert.Equal(listed, Assert.Single(world.Writer.Pruned).Kinds.Contains(ResourceTypes.ScaledObject));
    }

    [Fact]
    public async Task ReconcileAsync_SameKedaObjectsAgain_KedasKindsListedOnlyOncePerProcess()
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Service());
        var source = new FixedCapabilities { Capabilities = WithKeda };
        var reconciler = new ServiceReconciler(world.Informers, world.Writer, world.Events, source, world.Time);

        await reconciler.ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        await reconciler.ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        // A fresh process cannot know what the last one left: it lists once.
        await new ServiceReconciler(world.Informers, world.Writer, world.Events, source, world.Time).ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal([true, false, true], world.Writer.Pruned.Select(p => p.Kinds.Contains(ResourceTypes.ScaledObject)));
        Assert.Equal(3, world.Writer.AppliedOf<ScaledObject>().Count);
    }
}
