using EcsOnK8s.Controllers.Tasks;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Tasks;

public class TaskStatusCalculatorTests
{
    private static readonly HashSet<string> Essential = ["app"];

    private static V1Job Job(params V1JobCondition[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "nightly-1", CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        Status = new V1JobStatus { Conditions = conditions },
    };

    private static V1Pod Pod(string phase, string? node, params V1ContainerStatus[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "nightly-1-abc" },
        Spec = new V1PodSpec { NodeName = node },
        Status = new V1PodStatus { Phase = phase, ContainerStatuses = containers },
    };

    private static V1ContainerStatus Container(string name, int? exit = null) => new()
    {
        Name = name,
        State = exit is null
            ? new V1ContainerState { Running = new V1ContainerStateRunning() }
            : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exit.Value, FinishedAt = new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc) } },
    };

    [Fact]
    public void Task_NoPodYet_Provisioning() =>
        Assert.Equal("PROVISIONING", TaskStatusCalculator.Task("t", Job(), null, Essential).LastStatus);

    [Fact]
    public void Task_PodScheduledNotStarted_Pending() =>
        Assert.Equal("PENDING", TaskStatusCalculator.Task("t", Job(), Pod("Pending", "node-1"), Essential).LastStatus);

    [Fact]
    public void Task_Running_RunningWithContainers()
    {
        var status = TaskStatusCalculator.Task("t", Job(), Pod("Running", "node-1", Container("app")), Essential);

        Assert.Equal(("RUNNING", "RUNNING"), (status.LastStatus, status.DesiredStatus));
        Assert.Equal("RUNNING", Assert.Single(status.Containers!).LastStatus);
    }

    [Fact]
    public void Task_EssentialContainerExitedWhileSidecarRuns_StoppedWithExitCode()
    {
        var status = TaskStatusCalculator.Task("t", Job(), Pod("Running", "node-1", Container("app", 2), Container("log-router")), Essential);

        Assert.Equal(("STOPPED", "EssentialContainerExited"), (status.LastStatus, status.StopCode));
        Assert.Contains("app (exit code 2)", status.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc), status.StoppedAt);
    }

    [Fact]
    public void Task_JobFailedWithoutContainersRunning_TaskFailedToStart()
    {
        var status = TaskStatusCalculator.Task("t", Job(new V1JobCondition { Type = "Failed", Status = "True", Message = "image pull failed" }), null, Essential);

        Assert.Equal(("STOPPED", "TaskFailedToStart", "image pull failed"), (status.LastStatus, status.StopCode, status.StoppedReason));
    }

    [Fact]
    public void Overall_MixedStates_MostAdvancedUnlessAllStopped()
    {
        var running = TaskStatusCalculator.Task("a", Job(), Pod("Running", "n", Container("app")), Essential);
        var stopped = TaskStatusCalculator.Task("b", Job(), Pod("Succeeded", "n", Container("app", 0)), Essential);

        Assert.Equal("RUNNING", TaskStatusCalculator.Overall([running, stopped]));
        Assert.Equal("STOPPED", TaskStatusCalculator.Overall([stopped, stopped]));
        Assert.Equal("PROVISIONING", TaskStatusCalculator.Overall([]));
    }
}
