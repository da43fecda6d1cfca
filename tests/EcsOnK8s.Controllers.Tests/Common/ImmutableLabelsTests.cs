using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Controllers.Tests.Support;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Common;

/// <summary>Children rendered before app.kubernetes.io/instance was dropped keep what Kubernetes will not let change.</summary>
public class ImmutableLabelsTests
{
    private static Dictionary<string, string> LegacySelector() => new()
    {
        [WellKnownLabels.LegacyInstance] = "api",
        [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
        [WellKnownLabels.Name] = "api",
        [WellKnownLabels.Service] = "api",
    };

    private static V1Deployment LiveDeployment(Dictionary<string, string> selector) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta
        {
            Name = "api",
            NamespaceProperty = Seeds.Namespace,
            Labels = new Dictionary<string, string>(selector),
        },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = selector },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(selector) } },
        },
    };

    private static async Task<V1Deployment> ReconcileServiceAsync(params object[] live)
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync([Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service(), .. live]);
        await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        return world.Writer.Applied.Select(a => a.Child).OfType<V1Deployment>().Single();
    }

    [Fact]
    public async Task ReconcileAsync_NewService_NoInstanceLabelAnywhere()
    {
        var deployment = await ReconcileServiceAsync();

        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Metadata.Labels.Keys);
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Spec.Selector.MatchLabels.Keys);
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Spec.Template.Metadata.Labels.Keys);
        Assert.Equal("api", deployment.Spec.Selector.MatchLabels[WellKnownLabels.Service]);
    }

    [Fact]
    public async Task ReconcileAsync_DeploymentWithLegacySelector_KeepsSelectorAndPodLabelsDropsOwnLabel()
    {
        var deployment = await ReconcileServiceAsync(LiveDeployment(LegacySelector()));

        Assert.Equal(LegacySelector().OrderBy(p => p.Key), deployment.Spec.Selector.MatchLabels.OrderBy(p => p.Key));
        Assert.All(deployment.Spec.Selector.MatchLabels, p => Assert.Equal(p.Value, deployment.Spec.Template.Metadata.Labels[p.Key]));
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Metadata.Labels.Keys);
    }

    [Fact]
    public async Task ReconcileAsync_DeploymentWithCurrentSelector_Unchanged()
    {
        var current = LegacySelector();
        current.Remove(WellKnownLabels.LegacyInstance);

        var deployment = await ReconcileServiceAsync(LiveDeployment(current));

        Assert.Equal(current.OrderBy(p => p.Key), deployment.Spec.Selector.MatchLabels.OrderBy(p => p.Key));
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Spec.Template.Metadata.Labels.Keys);
    }

    [Fact]
    public async Task ReconcileAsync_LegacySelectorWithAnotherName_SendsTheNewSelectorForTheServerToRefuse()
    {
        var renamed = LegacySelector();
        renamed[WellKnownLabels.Name] = "storefront";

        var deployment = await ReconcileServiceAsync(LiveDeployment(renamed));

        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, deployment.Spec.Selector.MatchLabels.Keys);
        Assert.Equal("api", deployment.Spec.Selector.MatchLabels[WellKnownLabels.Name]);
    }

    private static async Task<List<V1Job>> ReconcileTaskAsync(params object[] live)
    {
        var td = Seeds.TaskDefinition();
        var task = Seeds.Task();
        await using var world = await ReconcilerWorld.StartAsync([Seeds.Cluster(), td, Seeds.Revision(td, 1), task, .. live]);
        await new TaskReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key(task.Metadata.Name), CancellationToken.None);
        return world.Writer.Applied.Select(a => a.Child).OfType<V1Job>().ToList();
    }

    [Fact]
    public async Task ReconcileAsync_TaskJobWithLegacyTemplate_KeepsTheTemplateLabel()
    {
        var name = Assert.Single(await ReconcileTaskAsync()).Metadata.Name;
        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Seeds.Namespace },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [WellKnownLabels.LegacyInstance] = "once" } } },
            },
        };

        var applied = Assert.Single(await ReconcileTaskAsync(job));

        Assert.Equal("once", applied.Spec.Template.Metadata.Labels[WellKnownLabels.LegacyInstance]);
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, applied.Metadata.Labels.Keys);
    }

    [Fact]
    public async Task ReconcileAsync_NewTask_JobTemplateWithoutInstanceLabel() =>
        Assert.DoesNotContain(WellKnownLabels.LegacyInstance, Assert.Single(await ReconcileTaskAsync()).Spec.Template.Metadata.Labels.Keys);
}
