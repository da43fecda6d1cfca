using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Events.Tests.Input;

/// <summary>What the CRD schema cannot say about targets, refused with the field's path.</summary>
public sealed class TargetValidatorTests
{
    public static TheoryData<string, EventRuleTarget, string, string> Invalid => new()
    {
        { "neither", new EventRuleTarget { Id = "t" }, "spec.targets[0]", "neither ecsTask nor http" },
        { "both", new EventRuleTarget { Id = "t", EcsTask = new() { TaskDefinition = "a" }, Http = new() { Url = "http://x" } }, "spec.targets[0]", "both ecsTask and http" },
        { "no id", new EventRuleTarget { Http = new() { Url = "http://x" } }, "spec.targets[0].id", "is required" },
        { "no task definition", new EventRuleTarget { Id = "t", EcsTask = new() }, "spec.targets[0].ecsTask.taskDefinition", "is required" },
        { "launch type and strategy", new EventRuleTarget { Id = "t", EcsTask = new() { TaskDefinition = "a", LaunchType = "FARGATE", CapacityProviderStrategy = [new() { CapacityProvider = "FARGATE_SPOT" }] } }, "spec.targets[0].ecsTask", "both launchType and capacityProviderStrategy" },
        { "relative url", new EventRuleTarget { Id = "t", Http = new() { Url = "/hook" } }, "spec.targets[0].http.url", "not an absolute http or https URL" },
        { "ftp url", new EventRuleTarget { Id = "t", Http = new() { Url = "ftp://x/y" } }, "spec.targets[0].http.url", "not an absolute http or https URL" },
        { "no url", new EventRuleTarget { Id = "t", Http = new() }, "spec.targets[0].http.url", "not an absolute http or https URL" },
        { "bad header", new EventRuleTarget { Id = "t", Http = new() { Url = "https://x", Headers = new() { ["X Team"] = "a" } } }, "spec.targets[0].http.headers", "'X Team' is not a valid HTTP header name" },
        { "secret without key", new EventRuleTarget { Id = "t", Http = new() { Url = "https://x", SigningSecretRef = new() { Name = "s" } } }, "spec.targets[0].http.signingSecretRef", "needs both name and key" },
        { "http input", new EventRuleTarget { Id = "t", Http = new() { Url = "https://x", InputPath = "detail" } }, "spec.targets[0].http.inputPath", "does not start with $" },
        { "task transformer", new EventRuleTarget { Id = "t", EcsTask = new() { TaskDefinition = "a", InputTransformer = new() { InputPathsMap = new() { ["k"] = "$.detail.key" }, InputTemplate = "{\"<k>\": 1}" } } }, "spec.targets[0].ecsTask.inputTransformer.inputTemplate", "object key" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidTarget_ErrorWithPath(string because, EventRuleTarget target, string path, string reason)
    {
        var errors = TargetValidator.Validate(new EcsEventRuleSpec { Targets = [target] });

        Assert.True(
            errors.Any(e => e.Path == path && e.Reason.Contains(reason, StringComparison.Ordinal)),
            $"{because}: expected {path}: …{reason}…, got {string.Join("; ", errors)}");
    }

    [Fact]
    public void Validate_DuplicateIdsAndNoTargets_Refused()
    {
        var duplicate = TargetValidator.Validate(new EcsEventRuleSpec
        {
            Targets = [new() { Id = "a", Http = new() { Url = "http://x" } }, new() { Id = "a", Http = new() { Url = "http://y" } }],
        });
        var none = TargetValidator.Validate(new EcsEventRuleSpec());

        Assert.Equal("spec.targets[1].id", Assert.Single(duplicate).Path);
        Assert.Equal("spec.targets", Assert.Single(none).Path);
    }

    [Fact]
    public void Validate_ValidTargets_NoError()
    {
        var spec = new EcsEventRuleSpec
        {
            Targets =
            [
                new() { Id = "task", EcsTask = new() { TaskDefinition = "loader:3", LaunchType = "FARGATE", InputTransformer = new() { InputPathsMap = new() { ["key"] = "$.detail.object.key" }, InputTemplate = "{\"containerOverrides\": [{\"name\": \"loader\", \"environment\": [{\"name\": \"OBJECT_KEY\", \"value\": <key>}]}]}" } } },
                new() { Id = "hook", Http = new() { Url = "https://hooks.example.com/ecs?team=a", Headers = new() { ["X-Team"] = "payments" }, SigningSecretRef = new() { Name = "hook", Key = "hmac" }, InputPath = "$.detail" } },
                new() { Id = "plain", Http = new() { Url = "http://notifier.ops.svc:8080/events" } },
            ],
        };

        Assert.Empty(TargetValidator.Validate(spec));
    }
}
