using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Events.Tests.Input;

/// <summary>An ECS task target's overrides for one event: the event's TaskOverride merged over the target's own.</summary>
public sealed class TaskOverrideInputTests
{
    private const string Path = "spec.targets[0].ecsTask";

    private static readonly InputContext _context = InputContext.For(EcsEventSettings.Default, "ns", "load-uploads", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Build_S3ObjectCreatedThroughTransformer_ObjectKeyInAnEnvironmentVariable()
    {
        var target = new EcsTaskTarget
        {
            TaskDefinition = "loader",
            Overrides = new TaskOverride
            {
                Cpu = "256",
                ContainerOverrides = [new ContainerOverride { Name = "loader", Environment = [new NameValuePair { Name = "LOG_LEVEL", Value = "info" }, new NameValuePair { Name = "BUCKET", Value = "default" }] }],
            },
            InputTransformer = new InputTransformer
            {
                InputPathsMap = new Dictionary<string, string> { ["bucket"] = "$.detail.bucket.name", ["key"] = "$.detail.object.key" },
                InputTemplate = """{"containerOverrides": [{"name": "loader", "environment": [{"name": "BUCKET", "value": <bucket>}, {"name": "OBJECT_KEY", "value": <key>}]}]}""",
            },
        };

        var overrides = Build(target, SampleEvents.S3ObjectCreated);

        Assert.Equal("256", overrides.Cpu);
        var container = Assert.Single(overrides.ContainerOverrides!);
        Assert.Equal("loader", container.Name);
        Assert.Equal(
            ["LOG_LEVEL=info", "BUCKET=uploads", "OBJECT_KEY=incoming/2021/report \"Q3\".csv"],
            container.Environment!.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal("default", target.Overrides.ContainerOverrides[0].Environment![1].Value);
    }

    [Fact]
    public void Build_InputPathToADetailThatIsATaskOverride_Used()
    {
        var target = new EcsTaskTarget { TaskDefinition = "job", InputPath = "$.detail.overrides" };
        const string evt = """{"detail": {"overrides": {"cpu": "1024", "containerOverrides": [{"name": "job", "command": ["run", "--all"], "memory": 2048}]}}}""";

        var overrides = Build(target, evt);

        Assert.Equal("1024", overrides.Cpu);
        Assert.Equal(["run", "--all"], overrides.ContainerOverrides![0].Command);
        Assert.Equal(2048, overrides.ContainerOverrides[0].Memory);
    }

    [Fact]
    public void Build_NoInputField_OnlyTheTargetsOverrides()
    {
        var target = new EcsTaskTarget { TaskDefinition = "job", Overrides = new TaskOverride { Memory = "512" } };

        var overrides = Build(target, SampleEvents.S3ObjectCreated);

        Assert.Equal("512", overrides.Memory);
        Assert.Null(overrides.ContainerOverrides);
        Assert.NotSame(target.Overrides, overrides);
    }

    [Fact]
    public void Build_InputPathSelectsNothing_TheTargetsOverrides()
    {
        var target = new EcsTaskTarget { TaskDefinition = "job", InputPath = "$.detail.none", Overrides = new TaskOverride { Memory = "512" } };

        Assert.Equal("512", Build(target, SampleEvents.S3ObjectCreated).Memory);
    }

    [Theory]
    [InlineData("$.detail.bucket.name", Path + ".inputPath", "gives a JSON string, not a TaskOverride object")]
    [InlineData("$.resources", Path + ".inputPath", "gives a JSON array, not a TaskOverride object")]
    [InlineData("$.detail.object", Path + ".inputPath", "does not give a TaskOverride: at $.key")]
    [InlineData("$.detail.wrongType", Path + ".inputPath", "does not give a TaskOverride: at $.containerOverrides[0].memory")]
    [InlineData("$.detail.unnamed", Path + ".inputPath", "containerOverrides[1] without a name")]
    public void Build_InputThatIsNoTaskOverride_ErrorWithPathAndReason(string inputPath, string errorPath, string reason)
    {
        var target = new EcsTaskTarget { TaskDefinition = "job", InputPath = inputPath };
        var evt = SampleEvents.Parse(SampleEvents.S3ObjectCreated);
        evt["detail"]!["wrongType"] = JsonNode.Parse("""{"containerOverrides": [{"name": "a", "memory": "lots"}]}""");
        evt["detail"]!["unnamed"] = JsonNode.Parse("""{"containerOverrides": [{"name": "a"}, {"cpu": 1}]}""");
        var input = Compile(target);

        var overrides = TaskOverrideInput.Build(target, input, evt, _context, Path, out var error);

        Assert.Null(overrides);
        Assert.NotNull(error);
        Assert.Equal(errorPath, error.Path);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TextTemplate_ErrorNotATaskOverride()
    {
        var target = new EcsTaskTarget { TaskDefinition = "job", InputTransformer = new InputTransformer { InputTemplate = "run <aws.events.rule-name>" } };

        var overrides = TaskOverrideInput.Build(target, Compile(target), SampleEvents.Parse(SampleEvents.S3ObjectCreated), _context, Path, out var error);

        Assert.Null(overrides);
        Assert.Equal(new InputError(Path + ".inputTransformer", "gives text, not a JSON TaskOverride object"), error);
    }

    [Fact]
    public void Merge_OverlayWinsPerFieldAndContainersPairByName()
    {
        var baseline = new TaskOverride
        {
            Cpu = "256",
            Memory = "512",
            ContainerOverrides =
            [
                new ContainerOverride { Name = "app", Command = ["serve"], Cpu = 128, Environment = [new NameValuePair { Name = "A", Value = "1" }] },
                new ContainerOverride { Name = "sidecar", Memory = 64 },
            ],
        };
        var overlay = new TaskOverride
        {
            Memory = "1024",
            TaskRoleArn = "arn:aws:iam::1:role/r",
            ContainerOverrides =
            [
                new ContainerOverride { Name = "app", Command = ["migrate"], Environment = [new NameValuePair { Name = "A", Value = "2" }, new NameValuePair { Name = "B", Value = "3" }] },
                new ContainerOverride { Name = "extra", Cpu = 10 },
            ],
        };

        var merged = TaskOverrideInput.Merge(baseline, overlay);

        Assert.Equal("256", merged.Cpu);
        Assert.Equal("1024", merged.Memory);
        Assert.Equal("arn:aws:iam::1:role/r", merged.TaskRoleArn);
        Assert.Equal(["app", "sidecar", "extra"], merged.ContainerOverrides!.Select(c => c.Name));
        var app = merged.ContainerOverrides![0];
        Assert.Equal(["migrate"], app.Command);
        Assert.Equal(128, app.Cpu);
        Assert.Equal(["A=2", "B=3"], app.Environment!.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal(64, merged.ContainerOverrides[1].Memory);
        Assert.Equal(["serve"], baseline.ContainerOverrides[0].Command);
        Assert.Equal("1", baseline.ContainerOverrides[0].Environment![0].Value);
    }

    [Fact]
    public void Merge_NeitherSet_EmptyOverride()
    {
        var merged = TaskOverrideInput.Merge(null, null);

        Assert.Null(merged.ContainerOverrides);
        Assert.Null(merged.Cpu);
    }

    private static TaskOverride Build(EcsTaskTarget target, string eventJson)
    {
        var overrides = TaskOverrideInput.Build(target, Compile(target), JsonNode.Parse(eventJson), _context, Path, out var error);
        Assert.True(overrides is not null, error?.ToString());
        return overrides;
    }

    private static TargetInput Compile(EcsTaskTarget target)
    {
        var errors = new List<InputError>();
        var input = TargetInput.Compile(target.Input, target.InputPath, target.InputTransformer, Path, errors);
        Assert.True(input is not null, string.Join("; ", errors));
        return input;
    }
}
