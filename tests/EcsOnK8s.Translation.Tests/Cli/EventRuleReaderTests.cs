using System.Text.Json.Nodes;
using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Aws;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Translation.Report;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

public sealed class EventRuleReaderTests
{
    private const string Pattern = """{"source":["aws.s3"],"detail-type":["Object Created"]}""";

    /// <summary>(what the case changes, the input, the report path, its disposition, a part of the reason).</summary>
    public static TheoryData<string, string, string, Disposition, string> Fields => new()
    {
        { "name", Input(), "eventRule.Name", Disposition.Mapped, "metadata.name" },
        { "name made a Kubernetes name", Input(rule: new() { ["Name"] = "On_Upload" }, targetsRule: "On_Upload"), "eventRule.Name", Disposition.Mapped, "metadata.name 'on-upload' (a Kubernetes name)" },
        { "pattern", Input(), "eventRule.EventPattern", Disposition.Mapped, "spec.eventPattern" },
        { "state", Input(), "eventRule.State", Disposition.Mapped, "spec.state" },
        { "cloudtrail state", Input(rule: new() { ["State"] = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" }), "eventRule.State", Disposition.Approximated, "ENABLED" },
        { "bad state", Input(rule: new() { ["State"] = "ON" }), "eventRule.State", Disposition.Rejected, "'ON' is not ENABLED or DISABLED" },
        { "description", Input(rule: new() { ["Description"] = "d" }), "eventRule.Description", Disposition.Mapped, "spec.description" },
        { "default bus", Input(rule: new() { ["EventBusName"] = "default" }), "eventRule.EventBusName", Disposition.Mapped, "its namespace" },
        { "custom bus", Input(rule: new() { ["EventBusName"] = "uploads" }), "eventRule.EventBusName", Disposition.Approximated, "bus 'uploads' becomes the namespace" },
        { "rule role", Input(rule: new() { ["RoleArn"] = "arn:aws:iam::1:role/r" }), "eventRule.RoleArn", Disposition.Ignored, "its own rights" },
        { "rule tags", Input(rule: new() { ["Tags"] = new JsonArray() }), "eventRule.Tags", Disposition.Ignored, "not carried" },
        { "describe arn", Input(rule: new() { ["Arn"] = "arn:aws:events:us-east-1:1:rule/on-upload" }), "eventRule.Arn", Disposition.Ignored, "read-only" },
        { "unknown rule field", Input(rule: new() { ["Colour"] = "blue" }), "eventRule.Colour", Disposition.Ignored, "unknown field" },
        { "schedule", Input(rule: new() { ["ScheduleExpression"] = "rate(5 minutes)" }), "eventRule.ScheduleExpression", Disposition.Rejected, "EcsScheduledTask" },
        { "invalid pattern", Input(rule: new() { ["EventPattern"] = """{"detail":{"size":[{"numeric":[">"]}]}}""" }), "eventRule.EventPattern.detail.size[0].numeric", Disposition.Rejected, "" },
        { "pattern not json", Input(rule: new() { ["EventPattern"] = "{source" }), "eventRule.EventPattern", Disposition.Rejected, "not valid JSON" },
        { "pattern not object", Input(rule: new() { ["EventPattern"] = "[1]" }), "eventRule.EventPattern", Disposition.Rejected, "must be a JSON object" },
        { "no pattern", Input(rule: new() { ["EventPattern"] = null }), "eventRule.EventPattern", Disposition.Rejected, "is required" },
        { "other rule", Input(targetsRule: "other"), "eventRule.Rule", Disposition.Rejected, "the targets are for rule 'other'" },
        { "target id", Input(), "eventRule.Targets[0].Id", Disposition.Mapped, "id" },
        { "cluster", Input(), "eventRule.Targets[0].Arn", Disposition.Mapped, "ecsTask.cluster 'batch'" },
        { "lambda", Input(target: new() { ["Arn"] = "arn:aws:lambda:us-east-1:1:function:f" }), "eventRule.Targets[0].Arn", Disposition.Rejected, "only ECS targets convert" },
        { "no arn", Input(target: new() { ["Arn"] = null }), "eventRule.Targets[0].Arn", Disposition.Rejected, "is required" },
        { "no id", Input(target: new() { ["Id"] = null }), "eventRule.Targets[0].Id", Disposition.Rejected, "is required" },
        { "task definition", Input(), "eventRule.Targets[0].EcsParameters.TaskDefinitionArn", Disposition.Mapped, "'loader:3'" },
        { "no ecs parameters", Input(target: new() { ["EcsParameters"] = null }), "eventRule.Targets[0].EcsParameters", Disposition.Rejected, "is required" },
        { "no task definition", Input(ecs: new() { ["TaskDefinitionArn"] = null }), "eventRule.Targets[0].EcsParameters.TaskDefinitionArn", Disposition.Rejected, "is required" },
        { "count", Input(ecs: new() { ["TaskCount"] = 2 }), "eventRule.Targets[0].EcsParameters.TaskCount", Disposition.Mapped, "ecsTask.count" },
        { "count too high", Input(ecs: new() { ["TaskCount"] = 11 }), "eventRule.Targets[0].EcsParameters.TaskCount", Disposition.Rejected, "out of range" },
        { "launch type", Input(ecs: new() { ["LaunchType"] = "FARGATE" }), "eventRule.Targets[0].EcsParameters.LaunchType", Disposition.Mapped, "capacity provider" },
        { "bad launch type", Input(ecs: new() { ["LaunchType"] = "LAMBDA" }), "eventRule.Targets[0].EcsParameters.LaunchType", Disposition.Rejected, "'LAMBDA'" },
        { "strategy", Input(ecs: new() { ["CapacityProviderStrategy"] = new JsonArray(new JsonObject { ["CapacityProvider"] = "spot", ["Weight"] = 1 }) }), "eventRule.Targets[0].EcsParameters.CapacityProviderStrategy", Disposition.Mapped, "capacityProviderStrategy" },
        { "type and strategy", Input(ecs: new() { ["LaunchType"] = "EC2", ["CapacityProviderStrategy"] = new JsonArray(new JsonObject { ["CapacityProvider"] = "spot" }) }), "spec.targets[0].ecsTask", Disposition.Rejected, "at most one is allowed" },
        { "network", Input(ecs: new() { ["NetworkConfiguration"] = new JsonObject() }), "eventRule.Targets[0].EcsParameters.NetworkConfiguration", Disposition.Ignored, "pod network" },
        { "platform", Input(ecs: new() { ["PlatformVersion"] = "LATEST" }), "eventRule.Targets[0].EcsParameters.PlatformVersion", Disposition.Ignored, "Fargate" },
        { "group", Input(ecs: new() { ["Group"] = "g" }), "eventRule.Targets[0].EcsParameters.Group", Disposition.Ignored, "task group" },
        { "placement", Input(ecs: new() { ["PlacementStrategy"] = new JsonArray() }), "eventRule.Targets[0].EcsParameters.PlacementStrategy", Disposition.Ignored, "placement" },
        { "exec", Input(ecs: new() { ["EnableExecuteCommand"] = true }), "eventRule.Targets[0].EcsParameters.EnableExecuteCommand", Disposition.Ignored, "RBAC" },
        { "unknown ecs field", Input(ecs: new() { ["Colour"] = "blue" }), "eventRule.Targets[0].EcsParameters.Colour", Disposition.Ignored, "unknown field" },
        { "input", Input(target: new() { ["Input"] = """{"cpu":"256"}""" }), "eventRule.Targets[0].Input", Disposition.Mapped, "ecsTask.input" },
        { "bad input", Input(target: new() { ["Input"] = "{cpu" }), "spec.targets[0].ecsTask.input", Disposition.Rejected, "not valid JSON" },
        { "input path", Input(target: new() { ["InputPath"] = "$.detail" }), "eventRule.Targets[0].InputPath", Disposition.Mapped, "ecsTask.inputPath" },
        { "bad input path", Input(target: new() { ["InputPath"] = "detail" }), "spec.targets[0].ecsTask.inputPath", Disposition.Rejected, "does not start with $" },
        { "transformer", Input(target: new() { ["InputTransformer"] = Transformer("<key>") }), "eventRule.Targets[0].InputTransformer", Disposition.Mapped, "ecsTask.inputTransformer" },
        { "bad transformer", Input(target: new() { ["InputTransformer"] = Transformer("<nokey>") }), "spec.targets[0].ecsTask.inputTransformer.inputTemplate", Disposition.Rejected, "<nokey>" },
        { "two inputs", Input(target: new() { ["Input"] = "{}", ["InputPath"] = "$" }), "spec.targets[0].ecsTask", Disposition.Rejected, "at most one of input" },
        { "retry", Input(target: new() { ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 3, ["MaximumEventAgeInSeconds"] = 600 } }), "eventRule.Targets[0].RetryPolicy", Disposition.Mapped, "retryPolicy" },
        { "retry age", Input(target: new() { ["RetryPolicy"] = new JsonObject { ["MaximumEventAgeInSeconds"] = 10 } }), "eventRule.Targets[0].RetryPolicy.MaximumEventAgeInSeconds", Disposition.Rejected, "60 to 86400" },
        { "retry attempts", Input(target: new() { ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 200 } }), "eventRule.Targets[0].RetryPolicy.MaximumRetryAttempts", Disposition.Rejected, "0 to 185" },
        { "dead letters", Input(target: new() { ["DeadLetterConfig"] = new JsonObject { ["Arn"] = "arn:aws:sqs:us-east-1:1:dlq" } }), "eventRule.Targets[0].DeadLetterConfig", Disposition.Approximated, "rule's status" },
        { "target role", Input(target: new() { ["RoleArn"] = "arn:aws:iam::1:role/r" }), "eventRule.Targets[0].RoleArn", Disposition.Ignored, "its own rights" },
        { "sqs parameters", Input(target: new() { ["SqsParameters"] = new JsonObject() }), "eventRule.Targets[0].SqsParameters", Disposition.Ignored, "another kind of target" },
        { "no targets", Input(withTargets: false), "eventRule.Targets", Disposition.Rejected, "at least one target" },
        { "six targets", Input(targetCount: 6), "eventRule.Targets", Disposition.Rejected, "at most 5" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Read_Field_ReportedWithItsDisposition(string what, string input, string path, Disposition disposition, string reason)
    {
        var report = new TranslationReport();

        EventRuleReader.Read("rule.json", input, "team-a", report);

        var entry = Assert.Single(report.Entries, e => e.Path == path);
        Assert.True(disposition == entry.Disposition, $"{what}: {entry.Disposition} {entry.Reason}");
        Assert.Contains(reason, entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_S3RuleWithEcsTarget_EveryFieldInTheEcsEventRule()
    {
        var report = new TranslationReport();
        var input = Input(
            rule: new() { ["Description"] = "load uploads" },
            ecs: new() { ["TaskCount"] = 2, ["LaunchType"] = "FARGATE" },
            target: new() { ["InputTransformer"] = Transformer("<key>"), ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 4 } });

        var rule = EventRuleReader.Read("rule.json", input, "team-a", report);

        Assert.False(report.HasRejections, string.Join("; ", report.Rejections));
        Assert.Equal(("on-upload", "team-a"), (rule.Metadata.Name, rule.Metadata.NamespaceProperty));
        var spec = rule.Spec!;
        Assert.Equal(("load uploads", "ENABLED"), (spec.Description, spec.State));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Pattern), spec.EventPattern!.Value));
        var target = Assert.Single(spec.Targets!);
        Assert.Equal("loader", target.Id);
        Assert.Equal(4, target.RetryPolicy!.MaximumRetryAttempts);
        var ecs = target.EcsTask!;
        Assert.Equal(("loader:3", "batch", 2, "FARGATE"), (ecs.TaskDefinition, ecs.Cluster, ecs.Count, ecs.LaunchType));
        Assert.Equal("$.detail.object.key", ecs.InputTransformer!.InputPathsMap!["key"]);
        Assert.Contains("<key>", ecs.InputTransformer.InputTemplate, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> Detection => new()
    {
        { Input(), true },
        { "[" + Input().Replace("}\n{", "},{", StringComparison.Ordinal) + "]", true },
        { """{"Name":"r","EventPattern":"{}"}""", true },
        { """{"Rule":"r","Targets":[]}""", true },
        { """{"Name":"nightly","ScheduleExpression":"rate(1 day)"}""", true },
        { """{"family":"x","containerDefinitions":[]}""", false },
        { """{"taskDefinition":{"family":"x"}}""", false },
        { """{"Name":"x"}""", false },
        { "{not json", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Detection))]
    public void IsEventRuleInput_RuleInputsOnly(string text, bool expected) =>
        Assert.Equal(expected, EventRuleReader.IsEventRuleInput(text));

    [Fact]
    public void ConvertRun_RuleAndTargetsOnStdin_WritesEcsEventRule()
    {
        using var stdin = new StringReader(Input(target: new() { ["InputTransformer"] = Transformer("<key>") }));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ConvertCommand.Run(["-", "--to", "crds", "--namespace", "team-a"], stdin, stdout, stderr);

        Assert.Equal(Program.ExitOk, exit);
        var yaml = stdout.ToString();
        Assert.Contains("kind: EcsEventRule", yaml, StringComparison.Ordinal);
        Assert.Contains("taskDefinition: loader:3", yaml, StringComparison.Ordinal);
        Assert.Contains("key: $.detail.object.key", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: EcsTaskDefinition", yaml, StringComparison.Ordinal);
        Assert.Contains("0 rejected", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertRun_ScheduledRule_RejectedPointingToEcsScheduledTask()
    {
        using var stdin = new StringReader(Input(rule: new() { ["EventPattern"] = null, ["ScheduleExpression"] = "cron(0 12 * * ? *)" }));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ConvertCommand.Run(["-", "--to", "crds"], stdin, stdout, stderr);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Contains("EcsScheduledTask", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertRun_RuleWithWorkloadFlag_UsageError()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{}");
            using var stdin = new StringReader(Input());
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exit = ConvertCommand.Run(["-", "--run-task", file], stdin, stdout, stderr);

            Assert.Equal(Program.ExitUsage, exit);
            Assert.Contains("--run-task do not apply to an event rule", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static JsonObject Transformer(string placeholder) => new()
    {
        ["InputPathsMap"] = new JsonObject { ["key"] = "$.detail.object.key" },
        ["InputTemplate"] = $$$"""{"containerOverrides":[{"name":"loader","environment":[{"name":"OBJECT_KEY","value":"{{{placeholder}}}"}]}]}""",
    };

    /// <summary>put-rule input, then put-targets input, concatenated; entries set to null are removed.</summary>
    private static string Input(
        Dictionary<string, JsonNode?>? rule = null, Dictionary<string, JsonNode?>? target = null, Dictionary<string, JsonNode?>? ecs = null,
        string targetsRule = "on-upload", bool withTargets = true, int targetCount = 1)
    {
        var ruleJson = Merge(new JsonObject { ["Name"] = "on-upload", ["EventPattern"] = Pattern, ["State"] = "ENABLED" }, rule);
        var targets = new JsonArray();
        for (var i = 0; i < targetCount; i++)
        {
            var ecsJson = Merge(new JsonObject { ["TaskDefinitionArn"] = "arn:aws:ecs:us-east-1:111122223333:task-definition/loader:3" }, ecs);
            targets.Add(Merge(
                new JsonObject { ["Id"] = i == 0 ? "loader" : $"loader{i}", ["Arn"] = "arn:aws:ecs:us-east-1:111122223333:cluster/batch", ["EcsParameters"] = ecsJson },
                target));
        }

        var text = ruleJson.ToJsonString();
        return withTargets ? text + "\n" + new JsonObject { ["Rule"] = targetsRule, ["Targets"] = targets }.ToJsonString() : text;
    }

    private static JsonObject Merge(JsonObject baseline, Dictionary<string, JsonNode?>? changes)
    {
        foreach (var (key, value) in changes ?? [])
        {
            if (value is null)
            {
                baseline.Remove(key);
            }
            else
            {
                baseline[key] = value.DeepClone();
            }
        }

        return baseline;
    }
}
