using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class DeliveryRecordTests
{
    private const string TaskUid = "6f1c7e1e-2a8b-4c53-9b1e-3d7a9f0c1b2d";
    private static readonly DateTimeOffset s_at = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EncodeDecode_TasksAndServices_RoundTrip()
    {
        var record = new DeliveryRecord();
        var running = State(TaskState.Running);
        record.Observe(running);
        record.MarkDelivered(running, "a");
        record.MarkServiceDelivered("5d1e2a9c-0000-4000-8000-000000000001", ServiceEventTracker.Deployment, "a", "event-1");

        var data = record.Encode(["a", "b"]);
        var decoded = DeliveryRecord.Decode(data, out var unreadable);

        Assert.Equal(0, unreadable);
        Assert.Equal(["task.6f1c7e1e2a8b4c539b1e3d7a9f0c1b2d", "service.5d1e2a9c000040008000000000000001.deployment"], data.Keys.Order(StringComparer.Ordinal).Reverse());
        var entry = decoded.Task(TaskUid)!;
        Assert.Equal(4, entry.DeliveredTo("a"));
        Assert.Equal(0, entry.DeliveredTo("b"));
        Assert.Equal(running with { Containers = entry.Last!.Containers }, entry.Last);
        Assert.Equal("app", Assert.Single(entry.Last.Containers).Name);
        Assert.Equal("event-1", decoded.ServiceDelivered("5d1e2a9c-0000-4000-8000-000000000001", ServiceEventTracker.Deployment, "a"));
    }

    [Fact]
    public void MarkDelivered_OlderVersionAfterNewer_KeepsTheNewer()
    {
        var record = new DeliveryRecord();

        record.MarkDelivered(State(TaskState.Stopped), "a");
        record.Encode(["a"]);
        record.MarkDelivered(State(TaskState.Running), "a");

        Assert.Equal(8, record.Task(TaskUid)!.DeliveredTo("a"));
        Assert.False(record.Dirty);
    }

    [Fact]
    public void Observe_OlderState_KeepsTheNewerSnapshot()
    {
        var record = new DeliveryRecord();

        record.Observe(State(TaskState.Running));
        record.Observe(State(TaskState.Pending));

        Assert.Equal(TaskState.Running, record.Task(TaskUid)!.Last!.LastStatus);
    }

    [Fact]
    public void Encode_StoppedForEveryTarget_KeepsOnlyTheVersions()
    {
        var record = new DeliveryRecord();
        var stopped = State(TaskState.Stopped);
        record.MarkDelivered(stopped, "a");

        var partly = DeliveryRecord.Decode(record.Encode(["a", "b"]), out _);
        record.MarkDelivered(stopped, "b");
        var fully = DeliveryRecord.Decode(record.Encode(["a", "b"]), out _);

        Assert.NotNull(partly.Task(TaskUid)!.Last);
        Assert.Null(fully.Task(TaskUid)!.Last);
        Assert.True(fully.Task(TaskUid)!.StoppedEverywhere(["a", "b"]));
    }

    [Fact]
    public void Decode_UnreadableEntry_SkippedAndCounted()
    {
        var decoded = DeliveryRecord.Decode(new Dictionary<string, string> { ["task.abc"] = "{not json", ["task.def"] = """{"Delivered":{"a":2}}""" }, out var unreadable);

        Assert.Equal(1, unreadable);
        Assert.Single(decoded.Tasks());
    }

    [Fact]
    public void Forget_AndRetainServices_DropWhatIsGone()
    {
        var record = new DeliveryRecord();
        record.MarkDelivered(State(TaskState.Stopped), "a");
        record.MarkServiceDelivered("svc-live", ServiceEventTracker.Steady, "a", "e1");
        record.MarkServiceDelivered("svc-gone", ServiceEventTracker.Steady, "a", "e2");

        record.Forget(EcsArns.TaskId(TaskUid));
        record.RetainServices(new HashSet<string> { "svc-live" });

        Assert.Empty(record.Tasks());
        Assert.Equal(["service.svclive.steady"], record.Encode(["a"]).Keys);
    }

    private static TaskStateChange State(TaskState state) => new()
    {
        Cluster = "prod",
        TaskUid = TaskUid,
        TaskDefinitionFamily = "web",
        TaskDefinitionRevision = 3,
        ServiceName = "web",
        LastStatus = state,
        DesiredStatus = state == TaskState.Stopped ? TaskState.Stopped : TaskState.Running,
        StopCode = state == TaskState.Stopped ? TaskStopCode.EssentialContainerExited : null,
        Containers = [new ContainerStateChange { Name = "app", LastStatus = state == TaskState.Stopped ? TaskState.Stopped : TaskState.Running, ExitCode = state == TaskState.Stopped ? 1 : null }],
        CreatedAt = s_at,
        UpdatedAt = s_at.AddMinutes(1),
        LaunchType = "EC2",
        Version = TaskStateMapper.VersionOf(state),
    };
}
