using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Translation.Pods;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Services;

public class EssentialContainerTests
{
    private static V1Pod Pod(params V1ContainerStatus[] statuses) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web-abc",
            Annotations = new Dictionary<string, string> { [PodAnnotations.EssentialContainers] = "app,proxy" },
        },
        Status = new V1PodStatus { ContainerStatuses = statuses },
    };

    private static V1ContainerStatus Running(string name) => new()
    {
        Name = name,
        State = new V1ContainerState { Running = new V1ContainerStateRunning() },
    };

    [Fact]
    public void EssentialContainerThatExited_AllRunning_Null() =>
        Assert.Null(ServiceReconciler.EssentialContainerThatExited(Pod(Running("app"), Running("proxy"), Running("log-router"))));

    [Fact]
    public void EssentialContainerThatExited_EssentialRestarted_NamesIt()
    {
        var restarted = Running("proxy");
        restarted.RestartCount = 1;

        Assert.Equal("proxy", ServiceReconciler.EssentialContainerThatExited(Pod(Running("app"), restarted)));
    }

    [Fact]
    public void EssentialContainerThatExited_EssentialTerminated_NamesIt()
    {
        var exited = new V1ContainerStatus { Name = "app", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1 } } };

        Assert.Equal("app", ServiceReconciler.EssentialContainerThatExited(Pod(exited, Running("proxy"))));
    }

    [Fact]
    public void EssentialContainerThatExited_NonEssentialExited_Null()
    {
        var exited = new V1ContainerStatus { Name = "log-router", RestartCount = 3, State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0 } } };

        Assert.Null(ServiceReconciler.EssentialContainerThatExited(Pod(Running("app"), Running("proxy"), exited)));
    }

    [Fact]
    public async Task ReconcileAsync_EssentialContainerExited_StopsThatTaskOnlyAndSaysSo()
    {
        var td = Seeds.TaskDefinition();
        var exited = Pod(new V1ContainerStatus { Name = "app", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137 } } }, Running("proxy"));
        var healthy = Pod(Running("app"), Running("proxy"));
        healthy.Metadata.Name = "web-def";
        foreach (var pod in new[] { exited, healthy })
        {
            pod.Metadata.NamespaceProperty = Seeds.Namespace;
            pod.Metadata.Labels = new Dictionary<string, string> { [WellKnownLabels.Service] = "api" };
        }

        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service(), exited, healthy);

        await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        Assert.Equal((ResourceTypes.Pod, new ObjectKey(Seeds.Namespace, "web-abc")), Assert.Single(world.Writer.Deleted));
        Assert.Contains(world.Events.All, e => e.Reason == EcsEvents.EssentialContainerExited.Reason && e.Message.Contains("essential container 'app' exited", StringComparison.Ordinal));
    }
}
