using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Events.Tests.Ecs;

/// <summary>
/// The builders against AWS's example events: the same envelope fields in the same order, every detail field the
/// builder writes is one ECS writes with the same kind of value, and where the input states the same facts as the
/// example, the same values (ids and container ids excepted: those are the operator's own).
/// </summary>
public sealed class EcsEventShapeTests
{
    private static readonly DateTimeOffset _running = DateTimeOffset.Parse("2020-01-23T17:57:58.103Z", null, System.Globalization.DateTimeStyles.AssumeUniversal);

    public static TheoryData<string> Cases => ["task-running", "task-stopped", "service-steady-state", "service-placement-failure", "deployment-in-progress", "deployment-failed"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_AgainstAwsExample_SameEnvelopeFieldsInOrder(string name)
    {
        var (example, built, _) = Case(name);

        Assert.Equal(example.Select(p => p.Key), built.Select(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_AgainstAwsExample_EveryFieldIsAnAwsFieldOfTheSameKind(string name)
    {
        var (example, built, _) = Case(name);

        var foreign = Leaves(built, "$")
            .Where(leaf => Find(example, leaf.Path) is not { } node || Kind(node) != Kind(leaf.Node))
            .Select(leaf => leaf.Path)
            .ToList();

        Assert.True(foreign.Count == 0, $"{name}: fields AWS does not write (or writes with another kind): {string.Join(", ", foreign)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_AgainstAwsExample_SameValuesWhereTheFactsAreTheSame(string name)
    {
        var (example, built, exempt) = Case(name);

        var different = Leaves(built, "$")
            .Where(leaf => !exempt.Contains(leaf.Path))
            .Where(leaf => !JsonNode.DeepEquals(Find(example, leaf.Path), leaf.Node))
            .Select(leaf => $"{leaf.Path}: AWS {Find(example, leaf.Path)?.ToJsonString()}, built {leaf.Node?.ToJsonString()}")
            .ToList();

        Assert.True(different.Count == 0, $"{name}:\n" + string.Join("\n", different));
    }

    [Fact]
    public void BuildTaskStateChange_Running_HasTheFieldsTheIssueLists()
    {
        var detail = (JsonObject)Case("task-stopped").Built["detail"]!;

        foreach (var field in new[] { "clusterArn", "taskArn", "taskDefinitionArn", "group", "lastStatus", "desiredStatus", "stopCode", "stoppedReason", "containers", "createdAt", "startedAt", "stoppedAt", "capacityProviderName", "version" })
        {
            Assert.True(detail.ContainsKey(field), $"detail.{field} is missing");
        }

        var container = (JsonObject)detail["containers"]![0]!;
        foreach (var field in new[] { "containerArn", "name", "lastStatus", "exitCode", "reason" })
        {
            Assert.True(container.ContainsKey(field), $"detail.containers[0].{field} is missing");
        }
    }

    [Fact]
    public void BuildTaskStateChange_Running_WritesNoStopFields()
    {
        var detail = (JsonObject)Case("task-running").Built["detail"]!;

        Assert.False(detail.ContainsKey("stopCode"));
        Assert.False(detail.ContainsKey("stoppedReason"));
        Assert.False(detail.ContainsKey("stoppedAt"));
        Assert.False(detail.ContainsKey("capacityProviderName"));
        Assert.False(((JsonObject)detail["containers"]![0]!).ContainsKey("exitCode"));
    }

    [Theory]
    [InlineData(null, null, "family:sample-fargate")]
    [InlineData("checkout", null, "service:checkout")]
    [InlineData(null, "nightly", "nightly")]
    [InlineData("checkout", "nightly", "nightly")]
    public void GroupOf_ServiceFamilyOrGiven_AsEcsWritesIt(string? service, string? group, string expected)
    {
        var change = RunningTask() with { ServiceName = service, Group = group };

        Assert.Equal(expected, EcsEventBuilder.GroupOf(change));
    }

    [Fact]
    public void Build_EnvelopeTime_IsUtcToTheSecond()
    {
        var change = RunningTask() with { UpdatedAt = new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromHours(2)) };

        var json = new EcsEventBuilder(EcsEventSettings.Default).BuildTaskStateChange(change).ToJson();

        Assert.Equal("2024-02-29T21:59:59Z", json["time"]!.GetValue<string>());
        Assert.Equal("2024-02-29T21:59:59.999Z", json["detail"]!["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public void Build_DefaultSettings_LocalRegionAndZeroAccount()
    {
        var json = new EcsEventBuilder(EcsEventSettings.Default).BuildTaskStateChange(RunningTask()).ToJson();

        Assert.Equal("local", json["region"]!.GetValue<string>());
        Assert.Equal("000000000000", json["account"]!.GetValue<string>());
        Assert.Equal("arn:aws:ecs:local:000000000000:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad", json["resources"]![0]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_CalledTwice_DetailIsACopy()
    {
        var built = new EcsEventBuilder(EcsEventSettings.Default).BuildTaskStateChange(RunningTask());

        var first = built.ToJson();
        first["detail"]!["lastStatus"] = "CHANGED";

        Assert.Equal("RUNNING", built.ToJson()["detail"]!["lastStatus"]!.GetValue<string>());
    }

    internal static TaskStateChange RunningTask() => new()
    {
        Cluster = "FargateCluster",
        TaskUid = "c13b4cb4-0f1f-4fe4-a297-1f76ae5a47ad",
        TaskDefinitionFamily = "sample-fargate",
        TaskDefinitionRevision = 1,
        LastStatus = TaskState.Running,
        DesiredStatus = TaskState.Running,
        Containers = [new ContainerStateChange { Name = "FargateApp", LastStatus = TaskState.Running, Image = "111122223333.dkr.ecr.us-west-2.amazonaws.com/hello-repository:latest" }],
        CreatedAt = DateTimeOffset.Parse("2020-01-23T17:57:34.402Z", null, System.Globalization.DateTimeStyles.AssumeUniversal),
        StartedAt = _running,
        UpdatedAt = _running,
        LaunchType = "FARGATE",
        Cpu = "256",
        Memory = "512",
        Version = 4,
    };

    private static (JsonObject Example, JsonObject Built, HashSet<string> Exempt) Case(string name)
    {
        var usWest2 = new EcsEventBuilder(new EcsEventSettings { Region = "us-west-2", Account = "111122223333" });
        var euWest1 = new EcsEventBuilder(new EcsEventSettings { Region = "eu-west-1", Account = "111122223333" });
        var ids = new HashSet<string>(StringComparer.Ordinal) { "$.id" };
        return name switch
        {
            "task-running" => (Parse(AwsExamples.TaskRunning), usWest2.BuildTaskStateChange(RunningTask()).ToJson(),
                // The example has the old container ARN format (container/ID); the operator writes the current one.
                [.. ids, "$.detail.containers[0].containerArn"]),
            "task-stopped" => (Parse(AwsExamples.TaskStopped), euWest1.BuildTaskStateChange(StoppedTask()).ToJson(),
                [.. ids, "$.detail.containers[0].containerArn"]),
            "service-steady-state" => (Parse(AwsExamples.ServiceSteadyState), usWest2.BuildServiceAction(new ServiceAction
            {
                Cluster = "default",
                ServiceName = "servicetest",
                ServiceUid = "8c1f6a3e-2b7d-4d0e-9f55-0a1b2c3d4e5f",
                Name = ServiceActionName.ServiceSteadyState,
                StateVersion = "7",
                CreatedAt = At("2019-11-19T19:27:22.695Z"),
            }).ToJson(), ids),
            "service-placement-failure" => (Parse(AwsExamples.ServicePlacementFailure), usWest2.BuildServiceAction(new ServiceAction
            {
                Cluster = "default",
                ServiceName = "servicetest",
                ServiceUid = "8c1f6a3e-2b7d-4d0e-9f55-0a1b2c3d4e5f",
                Name = ServiceActionName.ServiceTaskPlacementFailure,
                StateVersion = "7",
                CreatedAt = At("2019-11-06T19:09:33.087Z"),
                Reason = "RESOURCE:MEMORY",
                CapacityProviders = ["ASG-tutorial-capacity-provider"],
            }).ToJson(), ids),
            "deployment-in-progress" => (Parse(AwsExamples.DeploymentInProgress), usWest2.BuildDeploymentStateChange(new DeploymentStateChange
            {
                Cluster = "default",
                ServiceName = "servicetest",
                ServiceUid = "8c1f6a3e-2b7d-4d0e-9f55-0a1b2c3d4e5f",
                Name = DeploymentEventName.ServiceDeploymentInProgress,
                DeploymentId = "ecs-svc/123",
                UpdatedAt = At("2020-05-23T11:11:11Z"),
                Reason = "ECS deployment ecs-svc/123 in progress.",
            }).ToJson(),
                // The example's envelope time is later than its updatedAt; the operator stamps both with the change.
                [.. ids, "$.time"]),
            "deployment-failed" => (Parse(AwsExamples.DeploymentFailed), usWest2.BuildDeploymentStateChange(new DeploymentStateChange
            {
                Cluster = "default",
                ServiceName = "servicetest",
                ServiceUid = "8c1f6a3e-2b7d-4d0e-9f55-0a1b2c3d4e5f",
                Name = DeploymentEventName.ServiceDeploymentFailed,
                DeploymentId = "ecs-svc/123",
                UpdatedAt = At("2020-05-23T11:11:11Z"),
                Reason = "ECS deployment circuit breaker: task failed to start.",
            }).ToJson(), [.. ids, "$.time"]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static TaskStateChange StoppedTask() => new()
    {
        Cluster = "web",
        TaskUid = "0F4C5E1B-4C7E-4B7F-9E8F-8A1D2C3B4A59",
        TaskDefinitionFamily = "checkout",
        TaskDefinitionRevision = 12,
        ServiceName = "checkout",
        LastStatus = TaskState.Stopped,
        DesiredStatus = TaskState.Stopped,
        StopCode = TaskStopCode.EssentialContainerExited,
        StoppedReason = "Essential container in task exited",
        Containers =
        [
            new ContainerStateChange
            {
                Name = "app",
                LastStatus = TaskState.Stopped,
                Image = "public.ecr.aws/nginx/nginx:1.25",
                ExitCode = 137,
                Reason = "OutOfMemoryError: Container killed due to memory usage",
            },
        ],
        CreatedAt = At("2023-03-14T09:58:01.120Z"),
        StartedAt = At("2023-03-14T09:58:30.004Z"),
        StoppingAt = At("2023-03-14T10:05:02.500Z"),
        StoppedAt = At("2023-03-14T10:05:09.750Z"),
        UpdatedAt = At("2023-03-14T10:05:09.750Z"),
        CapacityProviderName = "FARGATE_SPOT",
        StartedBy = "ecs-svc/1111222233334444",
        Cpu = "512",
        Memory = "1024",
        Version = 6,
    };

    private static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var leaf in Leaves(value, $"{path}.{key}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static JsonNode? Find(JsonNode? root, string path) =>
        Leaves(root, "$").FirstOrDefault(l => l.Path == path).Node;
}
