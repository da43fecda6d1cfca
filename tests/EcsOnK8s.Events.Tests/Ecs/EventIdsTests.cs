using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Events.Tests.Ecs;

/// <summary>Event ids are derived from (detail type, resource UID, state version): a redelivery carries the same id.</summary>
public sealed class EventIdsTests
{
    private const string Uid = "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b";

    [Fact]
    public void For_SameParts_SameIdEveryTime()
    {
        Assert.Equal(EventIds.For("ECS Task State Change", Uid, "4"), EventIds.For("ECS Task State Change", Uid, "4"));
    }

    [Theory]
    [InlineData("ECS Task State Change", Uid, "5")]
    [InlineData("ECS Task State Change", "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6c", "4")]
    [InlineData("ECS Service Action", Uid, "4")]
    [InlineData("ECS Task State Change4", Uid, "")]
    public void For_AnyPartDifferent_OtherId(string detailType, string uid, string version)
    {
        var reference = EventIds.For("ECS Task State Change", Uid, "4");

        if (version.Length == 0)
        {
            // Parts are delimited: moving characters from one part to another gives another id, never the same one.
            Assert.NotEqual(reference, EventIds.For(detailType, uid[..^1], uid[^1..] + "4"));
            return;
        }

        Assert.NotEqual(reference, EventIds.For(detailType, uid, version));
    }

    [Fact]
    public void For_Any_IsAVersion8Uuid()
    {
        var id = EventIds.For("ECS Task State Change", Uid, "4");

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.True(Guid.TryParse(id, out _));
    }

    [Fact]
    public void BuildTaskStateChange_SameStateBuiltTwice_SameId()
    {
        var builder = new EcsEventBuilder(EcsEventSettings.Default);

        var first = builder.BuildTaskStateChange(EcsEventShapeTests.RunningTask());
        var again = new EcsEventBuilder(EcsEventSettings.Default).BuildTaskStateChange(EcsEventShapeTests.RunningTask());

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.ToJson().ToJsonString(), again.ToJson().ToJsonString());
    }

    [Fact]
    public void BuildTaskStateChange_NextVersion_OtherId()
    {
        var builder = new EcsEventBuilder(EcsEventSettings.Default);
        var running = EcsEventShapeTests.RunningTask();

        var stopped = builder.BuildTaskStateChange(running with { Version = running.Version + 1, LastStatus = TaskState.Stopped });

        Assert.NotEqual(builder.BuildTaskStateChange(running).Id, stopped.Id);
    }

    [Fact]
    public void BuildServiceAction_OtherOccurrenceOrName_OtherId()
    {
        var builder = new EcsEventBuilder(EcsEventSettings.Default);
        var action = new ServiceAction
        {
            Cluster = "default",
            ServiceName = "web",
            ServiceUid = Uid,
            Name = ServiceActionName.ServiceSteadyState,
            StateVersion = "3",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };

        var id = builder.BuildServiceAction(action).Id;

        Assert.Equal(id, builder.BuildServiceAction(action with { CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(1) }).Id);
        Assert.NotEqual(id, builder.BuildServiceAction(action with { StateVersion = "4" }).Id);
        Assert.NotEqual(id, builder.BuildServiceAction(action with { Name = ServiceActionName.ServiceDesiredCountUpdated }).Id);
    }

    [Fact]
    public void BuildDeploymentStateChange_SameDeploymentOtherState_OtherId()
    {
        var builder = new EcsEventBuilder(EcsEventSettings.Default);
        var change = new DeploymentStateChange
        {
            Cluster = "default",
            ServiceName = "web",
            ServiceUid = Uid,
            Name = DeploymentEventName.ServiceDeploymentInProgress,
            DeploymentId = "ecs-svc/7",
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.NotEqual(builder.BuildDeploymentStateChange(change).Id, builder.BuildDeploymentStateChange(change with { Name = DeploymentEventName.ServiceDeploymentCompleted }).Id);
        Assert.NotEqual(builder.BuildDeploymentStateChange(change).Id, builder.BuildDeploymentStateChange(change with { DeploymentId = "ecs-svc/8" }).Id);
    }
}
