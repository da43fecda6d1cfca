using System.Text.RegularExpressions;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Events.Tests.Ecs;

/// <summary>The identifier scheme: AWS's long ARN formats with the configured region and account.</summary>
public sealed partial class EcsArnsTests
{
    private const string Uid = "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b";

    private static readonly EcsArns _arns = new(new EcsEventSettings { Region = "eu-central-1", Account = "123456789012" });

    public static TheoryData<string, string> Formats => new()
    {
        { _arns.Cluster("prod"), "arn:aws:ecs:eu-central-1:123456789012:cluster/prod" },
        { _arns.Service("prod", "web"), "arn:aws:ecs:eu-central-1:123456789012:service/prod/web" },
        { _arns.Task("prod", Uid), "arn:aws:ecs:eu-central-1:123456789012:task/prod/3f2a9c1e7b4d4e6f8a0b1c2d3e4f5a6b" },
        { _arns.TaskDefinition("web", 42), "arn:aws:ecs:eu-central-1:123456789012:task-definition/web:42" },
        { _arns.CapacityProvider("FARGATE_SPOT"), "arn:aws:ecs:eu-central-1:123456789012:capacity-provider/FARGATE_SPOT" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Arn_EachResource_AwsLongFormat(string actual, string expected) => Assert.Equal(expected, actual);

    [Fact]
    public void Container_TaskUidAndName_ContainerSegmentIsAUuidUnderTheTask()
    {
        var arn = _arns.Container("prod", Uid, "app");

        Assert.Matches(ContainerArn(), arn);
        Assert.StartsWith("arn:aws:ecs:eu-central-1:123456789012:container/prod/3f2a9c1e7b4d4e6f8a0b1c2d3e4f5a6b/", arn, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerId_SameInputs_SameIdAndOtherNamesOtherIds()
    {
        Assert.Equal(EcsArns.ContainerId(Uid, "app"), EcsArns.ContainerId(Uid, "app"));
        Assert.NotEqual(EcsArns.ContainerId(Uid, "app"), EcsArns.ContainerId(Uid, "sidecar"));
        Assert.NotEqual(EcsArns.ContainerId(Uid, "app"), EcsArns.ContainerId("3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6c", "app"));
    }

    [Theory]
    [InlineData("3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b", "3f2a9c1e7b4d4e6f8a0b1c2d3e4f5a6b")]
    [InlineData("3F2A9C1E-7B4D-4E6F-8A0B-1C2D3E4F5A6B", "3f2a9c1e7b4d4e6f8a0b1c2d3e4f5a6b")]
    public void TaskId_KubernetesUid_32LowerHexDigitsLikeEcs(string uid, string expected)
    {
        Assert.Equal(expected, EcsArns.TaskId(uid));
        Assert.Matches("^[0-9a-f]{32}$", EcsArns.TaskId(uid));
    }

    [Fact]
    public void Settings_Default_LocalAndTwelveZeros()
    {
        var arns = new EcsArns(EcsEventSettings.Default);

        Assert.Equal("arn:aws:ecs:local:000000000000:cluster/default", arns.Cluster("default"));
    }

    [GeneratedRegex("^arn:aws:ecs:[a-z0-9-]+:[0-9]{12}:container/[^/]+/[0-9a-f]{32}/[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex ContainerArn();
}
