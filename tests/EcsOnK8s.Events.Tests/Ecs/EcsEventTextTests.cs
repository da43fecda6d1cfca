using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Events.Tests.Ecs;

/// <summary>Every enumerated value has ECS's text, distinct from the others, and every event name its documented severity.</summary>
public sealed class EcsEventTextTests
{
    [Fact]
    public void Of_EveryValueOfEveryEnum_DistinctText()
    {
        AssertDistinct(Enum.GetValues<TaskState>().Select(EcsEventText.Of), "^[A-Z]+$");
        AssertDistinct(Enum.GetValues<TaskStopCode>().Select(EcsEventText.Of), "^[A-Z][A-Za-z]+$");
        AssertDistinct(Enum.GetValues<EcsEventType>().Select(EcsEventText.Of), "^(INFO|WARN|ERROR)$");
        AssertDistinct(Enum.GetValues<ServiceActionName>().Select(EcsEventText.Of), "^[A-Z_]+$");
        AssertDistinct(Enum.GetValues<DeploymentEventName>().Select(EcsEventText.Of), "^SERVICE_DEPLOYMENT_[A-Z_]+$");
    }

    [Theory]
    [InlineData(ServiceActionName.ServiceSteadyState, EcsEventType.Info)]
    [InlineData(ServiceActionName.ServiceDesiredCountUpdated, EcsEventType.Info)]
    [InlineData(ServiceActionName.TasksStopped, EcsEventType.Info)]
    [InlineData(ServiceActionName.ServiceTaskStartImpaired, EcsEventType.Warn)]
    [InlineData(ServiceActionName.ServiceTaskPlacementFailure, EcsEventType.Warn)]
    [InlineData(ServiceActionName.ServiceTaskConfigurationFailure, EcsEventType.Error)]
    [InlineData(ServiceActionName.EcsOperationThrottled, EcsEventType.Error)]
    public void TypeOf_ServiceAction_AsDocumented(ServiceActionName name, EcsEventType expected) =>
        Assert.Equal(expected, EcsEventText.TypeOf(name));

    [Theory]
    [InlineData(DeploymentEventName.ServiceDeploymentInProgress, EcsEventType.Info)]
    [InlineData(DeploymentEventName.ServiceDeploymentCompleted, EcsEventType.Info)]
    [InlineData(DeploymentEventName.ServiceDeploymentFailed, EcsEventType.Error)]
    public void TypeOf_Deployment_AsDocumented(DeploymentEventName name, EcsEventType expected) =>
        Assert.Equal(expected, EcsEventText.TypeOf(name));

    [Fact]
    public void BuildServiceAction_ExplicitEventType_OverridesTheDocumentedOne()
    {
        var action = new ServiceAction
        {
            Cluster = "default",
            ServiceName = "web",
            ServiceUid = "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
            Name = ServiceActionName.ServiceTaskPlacementFailure,
            EventType = EcsEventType.Error,
            StateVersion = "1",
            CreatedAt = DateTimeOffset.UnixEpoch,
            TaskUids = ["3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b"],
        };

        var detail = new EcsEventBuilder(EcsEventSettings.Default).BuildServiceAction(action).Detail;

        Assert.Equal("ERROR", detail["eventType"]!.GetValue<string>());
        Assert.Equal("arn:aws:ecs:local:000000000000:task/default/3f2a9c1e7b4d4e6f8a0b1c2d3e4f5a6b", detail["taskArns"]![0]!.GetValue<string>());
    }

    private static void AssertDistinct(IEnumerable<string> texts, string pattern)
    {
        var list = texts.ToList();
        Assert.Equal(list.Count, list.Distinct(StringComparer.Ordinal).Count());
        Assert.All(list, t => Assert.Matches(pattern, t));
    }
}
