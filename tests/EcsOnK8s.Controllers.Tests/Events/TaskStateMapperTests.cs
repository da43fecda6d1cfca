using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Workloads;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class TaskStateMapperTests
{
    private static readonly DateTime s_created = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Func<V1Pod>, bool, TaskState, TaskState, TaskStopCode?, long, int?> ServicePods => new()
    {
        { "not scheduled", () => Pod(), false, TaskState.Provisioning, TaskState.Running, null, 1, null },
        { "scheduled, starting", () => Pod(node: "n1"), false, TaskState.Pending, TaskState.Running, null, 2, null },
        { "running", () => Pod(node: "n1", phase: "Running", running: true), false, TaskState.Running, TaskState.Running, null, 4, null },
        { "being deleted", () => Pod(node: "n1", phase: "Running", running: true, deleting: true), false, TaskState.Stopping, TaskState.Stopped, TaskStopCode.ServiceSchedulerInitiated, 6, null },
        { "container exited 1", () => Pod(node: "n1", phase: "Failed", exitCode: 1), false, TaskState.Stopped, TaskState.Stopped, TaskStopCode.EssentialContainerExited, 8, 1 },
        { "completed 0", () => Pod(node: "n1", phase: "Succeeded", exitCode: 0), false, TaskState.Stopped, TaskState.Stopped, TaskStopCode.EssentialContainerExited, 8, 0 },
        { "failed before any container ran", () => Pod(node: "n1", phase: "Failed"), false, TaskState.Stopped, TaskState.Stopped, TaskStopCode.TaskFailedToStart, 8, null },
        { "deleted while running", () => Pod(node: "n1", phase: "Running", running: true), true, TaskState.Stopped, TaskState.Stopped, TaskStopCode.ServiceSchedulerInitiated, 8, null },
        { "deleted after exiting", () => Pod(node: "n1", phase: "Failed", exitCode: 3), true, TaskState.Stopped, TaskState.Stopped, TaskStopCode.EssentialContainerExited, 8, 3 },
    };

    [Theory]
    [MemberData(nameof(ServicePods))]
    public void FromServicePod_Table_LifecycleStateStopCodeAndVersion(
        string what, Func<V1Pod> pod, bool vanished, TaskState last, TaskState desired, TaskStopCode? stopCode, long version, int? exitCode)
    {
        var change = TaskStateMapper.FromServicePod(pod(), vanished, s_now);

        Assert.NotNull(change);
        Assert.True(last == change.LastStatus, $"{what}: lastStatus {change.LastStatus}");
        Assert.Equal(desired, change.DesiredStatus);
        Assert.Equal(stopCode, change.StopCode);
        Assert.Equal(version, change.Version);
        Assert.Equal(exitCode, change.Containers.Single().ExitCode);
        Assert.Equal("web", change.ServiceName);
        Assert.Equal("service:web", EcsEventBuilder.GroupOf(change));
        Assert.Equal(("web", 3, "prod"), (change.TaskDefinitionFamily, change.TaskDefinitionRevision, change.Cluster));
        Assert.Equal(last == TaskState.Stopped, change.StoppedAt is not null);
    }

    [Fact]
    public void FromServicePod_SameObjectTwice_SameEventIdTimeAndBody()
    {
        var builder = new EcsEventBuilder(EcsEventSettings.Default);
        var pod = Pod(node: "n1", phase: "Failed", exitCode: 137, reason: "OOMKilled");

        var first = builder.BuildTaskStateChange(TaskStateMapper.FromServicePod(pod, false, s_now)!).ToJson().ToJsonString();
        var second = builder.BuildTaskStateChange(TaskStateMapper.FromServicePod(pod, false, s_now.AddHours(1))!).ToJson().ToJsonString();

        Assert.Equal(first, second);
        Assert.Contains("\"reason\":\"OutOfMemoryError: Container killed due to memory usage\"", first, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\":137", first, StringComparison.Ordinal);
    }

    [Fact]
    public void FromServicePod_StateTimes_FromTheObjectNotTheClock()
    {
        var running = TaskStateMapper.FromServicePod(Pod(node: "n1", phase: "Running", running: true), false, s_now)!;
        var stopped = TaskStateMapper.FromServicePod(Pod(node: "n1", phase: "Failed", exitCode: 1), false, s_now)!;

        Assert.Equal(new DateTimeOffset(s_created.AddSeconds(20)), running.UpdatedAt);
        Assert.Equal(new DateTimeOffset(s_created.AddSeconds(10)), running.StartedAt);
        Assert.Equal(new DateTimeOffset(s_created.AddMinutes(5)), stopped.UpdatedAt);
        Assert.Equal(stopped.UpdatedAt, stopped.StoppedAt);
    }

    [Theory]
    [InlineData(null, "EC2", null)]
    [InlineData("FARGATE", "FARGATE", null)]
    [InlineData("spot-pool", null, "spot-pool")]
    public void FromServicePod_CapacityProviderLabel_LaunchTypeOrProviderName(string? provider, string? launchType, string? providerName)
    {
        var pod = Pod();
        if (provider is not null)
        {
            pod.Metadata.Labels[WellKnownLabels.CapacityProvider] = provider;
        }

        var change = TaskStateMapper.FromServicePod(pod, false, s_now)!;

        Assert.Equal(launchType, change.LaunchType);
        Assert.Equal(providerName, change.CapacityProviderName);
    }

    [Fact]
    public void FromServicePod_NotAServicePodOrNoTaskDefinitionLabels_Null()
    {
        var other = Pod();
        other.Metadata.Labels.Remove(WellKnownLabels.Service);
        var unlabelled = Pod();
        unlabelled.Metadata.Labels.Remove(WellKnownLabels.Revision);

        Assert.Null(TaskStateMapper.FromServicePod(other, false, s_now));
        Assert.Null(TaskStateMapper.FromServicePod(unlabelled, false, s_now));
    }

    public static TheoryData<string, Func<(V1Job, V1Pod?)>, bool, TaskState, TaskStopCode?, int?> Jobs => new()
    {
        { "no pod yet", () => (Job(), null), false, TaskState.Provisioning, null, null },
        { "pod running", () => (Job(), Pod(node: "n1", phase: "Running", running: true, service: false)), false, TaskState.Running, null, null },
        { "essential container exited 2", () => (Job(failed: true), Pod(node: "n1", phase: "Failed", exitCode: 2, service: false)), false, TaskState.Stopped, TaskStopCode.EssentialContainerExited, 2 },
        { "job deleted while running", () => (Job(), Pod(node: "n1", phase: "Running", running: true, service: false)), true, TaskState.Stopped, TaskStopCode.UserInitiated, null },
        { "failed to start", () => (Job(failed: true), Pod(node: "n1", phase: "Failed", service: false)), false, TaskState.Stopped, TaskStopCode.TaskFailedToStart, null },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void FromJob_Table_StateOfTheJobsTask(string what, Func<(V1Job, V1Pod?)> objects, bool vanished, TaskState last, TaskStopCode? stopCode, int? exitCode)
    {
        var (job, pod) = objects();

        var change = TaskStateMapper.FromJob(job, pod, vanished, s_now);

        Assert.NotNull(change);
        Assert.True(last == change.LastStatus, $"{what}: lastStatus {change.LastStatus}");
        Assert.Equal(stopCode, change.StopCode);
        Assert.Equal(TaskStateMapper.VersionOf(last), change.Version);
        Assert.Equal(exitCode, change.Containers.Count == 0 ? null : change.Containers[0].ExitCode);
        Assert.Equal(job.Metadata.Uid, change.TaskUid);
        Assert.Equal("nightly", change.Group);
        Assert.Equal("nightly", EcsEventBuilder.GroupOf(change));
    }

    [Fact]
    public void Vanished_RunningTask_StoppedAtNowWithTheKeptIdentity()
    {
        var running = TaskStateMapper.FromServicePod(Pod(node: "n1", phase: "Running", running: true), false, s_now)!;

        var stopped = TaskStateMapper.Vanished(running, s_now);

        Assert.Equal((TaskState.Stopped, TaskStopCode.ServiceSchedulerInitiated, 8L), (stopped.LastStatus, stopped.StopCode, stopped.Version));
        Assert.Equal(s_now, stopped.StoppedAt);
        Assert.Equal(running.TaskUid, stopped.TaskUid);
        Assert.All(stopped.Containers, c => Assert.Equal(TaskState.Stopped, c.LastStatus));
    }

    [Fact]
    public void VersionOf_Lifecycle_GrowsWithEveryState()
    {
        var versions = Enum.GetValues<TaskState>().Select(TaskStateMapper.VersionOf).ToList();

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    private static V1Pod Pod(string? node = null, string phase = "Pending", bool running = false, int? exitCode = null, bool deleting = false, string? reason = null, bool service = true)
    {
        var labels = new Dictionary<string, string>
        {
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
            [WellKnownLabels.Cluster] = "prod",
            [WellKnownLabels.Family] = "web",
            [WellKnownLabels.Revision] = "3",
        };
        if (service)
        {
            labels[WellKnownLabels.Service] = "web";
        }
        else
        {
            labels[WellKnownLabels.Task] = "nightly";
            labels[WellKnownLabels.JobName] = "nightly-0";
        }

        var status = new V1ContainerStatus { Name = "app", Image = "nginx", Ready = running, RestartCount = 0, ImageID = string.Empty };
        if (running)
        {
            status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = s_created.AddSeconds(10) } };
        }
        else if (exitCode is { } code)
        {
            status.State = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated { ExitCode = code, Reason = reason ?? (code == 0 ? "Completed" : "Error"), FinishedAt = s_created.AddMinutes(5) },
            };
        }
        else
        {
            status.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
        }

        var conditions = new List<V1PodCondition>();
        if (node is not null)
        {
            conditions.Add(new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = s_created.AddSeconds(2) });
        }

        if (running)
        {
            conditions.Add(new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = s_created.AddSeconds(20) });
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-abc",
                NamespaceProperty = "ns",
                Uid = "6f1c7e1e-2a8b-4c53-9b1e-3d7a9f0c1b2d",
                CreationTimestamp = s_created,
                DeletionTimestamp = deleting ? s_created.AddMinutes(2) : null,
                DeletionGracePeriodSeconds = deleting ? 30 : null,
                Labels = labels,
                Annotations = new Dictionary<string, string> { [PodAnnotations.EssentialContainers] = "app" },
            },
            Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "app", Image = "nginx" }] },
            Status = new V1PodStatus
            {
                Phase = phase,
                StartTime = node is null ? null : s_created.AddSeconds(10),
                Conditions = conditions,
                ContainerStatuses = node is null ? null : [status],
            },
        };
    }

    private static V1Job Job(bool failed = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "nightly-0",
            NamespaceProperty = "ns",
            Uid = "0b7c2c57-1f7e-4e0b-8a3c-5e9d2f4a6b10",
            CreationTimestamp = s_created,
            Labels = new Dictionary<string, string>
            {
                [WellKnownLabels.Task] = "nightly",
                [WellKnownLabels.Cluster] = "prod",
                [WellKnownLabels.Family] = "report",
                [WellKnownLabels.Revision] = "1",
            },
            Annotations = new Dictionary<string, string> { [TaskRenderer.GroupAnnotation] = "nightly" },
        },
        Spec = new V1JobSpec { Template = new V1PodTemplateSpec() },
        Status = failed ? new V1JobStatus { Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Message = "BackoffLimitExceeded" }] } : new V1JobStatus(),
    };
}
