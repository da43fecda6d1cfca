using System.Net;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.LeaderElection;
using EcsOnK8s.Translation.Naming;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class EcsTaskTargetInvokerTests
{
    private const string ObjectKey = "incoming/2021/report \"Q3\".csv";

    private readonly RecordingTaskWriter _writer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task InvokeAsync_S3ObjectCreatedThroughTransformer_StartsTaskWithObjectKeyInEnvironment()
    {
        var outcome = await Invoker().InvokeAsync(Invocation(Rule(S3Target())), CancellationToken.None);

        Assert.Equal(TargetOutcomeKind.Delivered, outcome.Kind);
        var task = Assert.Single(_writer.Tasks.Values);
        var container = Assert.Single(task.Spec!.Overrides!.ContainerOverrides!);
        Assert.Equal("loader", container.Name);
        Assert.Contains(container.Environment!, e => e.Name == "OBJECT_KEY" && e.Value == ObjectKey);
        Assert.Contains(container.Environment!, e => e.Name == "BUCKET" && e.Value == "uploads");

        // The target's own overrides stay under the event's.
        Assert.Contains(container.Environment!, e => e.Name == "MODE" && e.Value == "batch");
    }

    [Fact]
    public async Task InvokeAsync_SameEventTwice_OneTaskBothDelivered()
    {
        var invoker = Invoker();
        var first = await invoker.InvokeAsync(Invocation(Rule(S3Target())), CancellationToken.None);
        var second = await invoker.InvokeAsync(Invocation(Rule(S3Target()), attempt: 2), CancellationToken.None);

        Assert.Equal(TargetOutcomeKind.Delivered, first.Kind);
        Assert.Equal(TargetOutcomeKind.Delivered, second.Kind);
        Assert.Equal(2, _writer.Calls);
        Assert.Single(_writer.Tasks);
    }

    [Fact]
    public async Task InvokeAsync_NameTakenByAnotherEvent_PermanentNamingTheTask()
    {
        var invoker = Invoker();
        var name = EventTaskNames.For("on-upload", "loader", EventId);
        _writer.Tasks[$"team-a/{name}"] = new EcsTask { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team-a" } };

        var outcome = await invoker.InvokeAsync(Invocation(Rule(S3Target())), CancellationToken.None);

        Assert.Equal(TargetOutcomeKind.Permanent, outcome.Kind);
        Assert.Contains(name, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_TaskBuilt_CarriesTargetFieldsAndNamesRuleTargetAndEvent()
    {
        var target = S3Target();
        target.EcsTask!.Cluster = "batch";
        target.EcsTask.Count = 3;
        target.EcsTask.LaunchType = null;
        target.EcsTask.CapacityProviderStrategy = [new CapacityProviderStrategyItem { CapacityProvider = "spot", Weight = 1 }];

        await Invoker().InvokeAsync(Invocation(Rule(target)), CancellationToken.None);

        var task = Assert.Single(_writer.Tasks.Values);
        Assert.Equal("team-a", task.Metadata.NamespaceProperty);
        Assert.Equal(EventTaskNames.For("on-upload", "loader", EventId), task.Metadata.Name);
        Assert.StartsWith("on-upload-", task.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("on-upload", task.Metadata.Labels[WellKnownLabels.EventRule]);
        Assert.Equal("on-upload", task.Metadata.Annotations[WellKnownAnnotations.EventRule]);
        Assert.Equal("loader", task.Metadata.Annotations[WellKnownAnnotations.EventTarget]);
        Assert.Equal(EventId, task.Metadata.Annotations[WellKnownAnnotations.EventId]);
        Assert.Equal("loader:3", task.Spec!.TaskDefinition);
        Assert.Equal("batch", task.Spec.Cluster);
        Assert.Equal(3, task.Spec.Count);
        Assert.Null(task.Spec.LaunchType);
        Assert.Equal("spot", Assert.Single(task.Spec.CapacityProviderStrategy!).CapacityProvider);
        Assert.Equal("events-rule/on-upload", task.Spec.StartedBy);
    }

    [Fact]
    public async Task InvokeAsync_NoInputField_TargetOverridesOnly()
    {
        var target = S3Target();
        target.EcsTask!.InputTransformer = null;

        await Invoker().InvokeAsync(Invocation(Rule(target)), CancellationToken.None);

        var container = Assert.Single(Assert.Single(_writer.Tasks.Values).Spec!.Overrides!.ContainerOverrides!);
        Assert.Equal(["MODE"], container.Environment!.Select(e => e.Name));
    }

    public static TheoryData<string, string> RefusedInputs => new()
    {
        // A text template gives no TaskOverride.
        { "plain text <key>", "gives text" },
        // A JSON template that is no TaskOverride object.
        { "[\"<key>\"]", "not a TaskOverride" },
        // An unknown TaskOverride field.
        { "{\"containerOverrides\":[{\"name\":\"loader\",\"environmnet\":[]}]}", "does not give a TaskOverride" },
        // A container override without a name.
        { "{\"containerOverrides\":[{\"command\":[\"<key>\"]}]}", "without a name" },
        // A placeholder with no variable.
        { "{\"cpu\":\"<nothing>\"}", "neither in inputPathsMap" },
    };

    [Theory]
    [MemberData(nameof(RefusedInputs))]
    public async Task InvokeAsync_InputGivesNoTaskOverride_PermanentWithoutWriting(string template, string reason)
    {
        var target = S3Target();
        target.EcsTask!.InputTransformer!.InputTemplate = template;

        var outcome = await Invoker().InvokeAsync(Invocation(Rule(target)), CancellationToken.None);

        Assert.Equal(TargetOutcomeKind.Permanent, outcome.Kind);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("target loader: ecsTask.inputTransformer", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _writer.Calls);
    }

    public static TheoryData<string, TargetOutcomeKind> Failures => new()
    {
        { "500", TargetOutcomeKind.Retryable },
        { "503", TargetOutcomeKind.Retryable },
        { "429", TargetOutcomeKind.Retryable },
        { "408", TargetOutcomeKind.Retryable },
        { "0", TargetOutcomeKind.Retryable },
        { "400", TargetOutcomeKind.Permanent },
        { "403", TargetOutcomeKind.Permanent },
        { "404", TargetOutcomeKind.Permanent },
        { "422", TargetOutcomeKind.Permanent },
        { "timeout", TargetOutcomeKind.Retryable },
        { "connection", TargetOutcomeKind.Retryable },
        { "leadership", TargetOutcomeKind.Retryable },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task InvokeAsync_WriteFails_ClassifiedRetryOrPermanent(string failure, TargetOutcomeKind expected)
    {
        _writer.Failure = failure switch
        {
            "timeout" => new TimeoutException("POST timed out"),
            "connection" => new HttpRequestException("connection refused"),
            "leadership" => new LeadershipLostException("fence closed"),
            _ => new KubernetesApiException((HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture), null, "status " + failure),
        };

        var outcome = await Invoker().InvokeAsync(Invocation(Rule(S3Target())), CancellationToken.None);

        Assert.Equal(expected, outcome.Kind);
        Assert.Contains(EventTaskNames.For("on-upload", "loader", EventId), outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _writer.Failure = new OperationCanceledException(cancelled.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Invoker().InvokeAsync(Invocation(Rule(S3Target())), cancelled.Token));
    }

    public static TheoryData<string, string, string> NameCases => new()
    {
        { "on-upload", "loader", "on-upload-" },
        { "On_Upload.Rule", "t1", "on-upload-rule-" },
        { new string('r', 200), "t1", new string('r', 43) + "-" },
        { "___", "t1", "event-" },
    };

    [Theory]
    [MemberData(nameof(NameCases))]
    public void EventTaskNames_For_DnsLabelWithRulePrefixAndRoomForJobSuffix(string rule, string target, string prefix)
    {
        var name = EventTaskNames.For(rule, target, EventId);

        Assert.True(KubeNames.IsDnsLabel(name), name);
        Assert.InRange(name.Length, 1, EventTaskNames.MaxLength);
        Assert.True(KubeNames.IsDnsLabel(name + "-10"));
        Assert.StartsWith(prefix, name, StringComparison.Ordinal);
        Assert.Equal(name, EventTaskNames.For(rule, target, EventId));
    }

    [Fact]
    public void EventTaskNames_For_DiffersByRuleTargetAndEvent()
    {
        string[] names =
        [
            EventTaskNames.For("a", "t", "e"),
            EventTaskNames.For("b", "t", "e"),
            EventTaskNames.For("a", "u", "e"),
            EventTaskNames.For("a", "t", "f"),
            EventTaskNames.For("a/t", "", "e"),
            EventTaskNames.For("a", "t/e", string.Empty),
        ];

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }

    private const string EventId = "17793124-05d4-b198-2fde-7ededc63b103";

    private EcsTaskTargetInvoker Invoker() =>
        new(_writer, new EcsEventSettings { Region = "ca-central-1", Account = "111122223333" }, _time, NullLogger<EcsTaskTargetInvoker>.Instance);

    private static EventRuleTarget S3Target() => new()
    {
        Id = "loader",
        EcsTask = new EcsTaskTarget
        {
            TaskDefinition = "loader:3",
            LaunchType = "FARGATE",
            Overrides = new TaskOverride
            {
                ContainerOverrides = [new ContainerOverride { Name = "loader", Environment = [new NameValuePair { Name = "MODE", Value = "batch" }] }],
            },
            InputTransformer = new InputTransformer
            {
                InputPathsMap = new Dictionary<string, string> { ["key"] = "$.detail.object.key", ["bucket"] = "$.detail.bucket.name" },
                InputTemplate = """{"containerOverrides":[{"name":"loader","environment":[{"name":"OBJECT_KEY","value":"<key>"},{"name":"BUCKET","value":"<bucket>"}]}]}""",
            },
        },
    };

    private static EcsEventRule Rule(EventRuleTarget target) => new()
    {
        Metadata = new V1ObjectMeta { Name = "on-upload", NamespaceProperty = "team-a", Uid = "uid-1" },
        Spec = new EcsEventRuleSpec { Targets = [target] },
    };

    private static TargetInvocation Invocation(EcsEventRule rule, int attempt = 1)
    {
        var awsEvent = new AwsEvent
        {
            Id = EventId,
            DetailType = "Object Created",
            Source = "aws.s3",
            Account = "111122223333",
            Region = "ca-central-1",
            Time = new DateTimeOffset(2021, 11, 12, 0, 0, 0, TimeSpan.Zero),
            Resources = ["arn:aws:s3:::uploads"],
            Detail = new JsonObject
            {
                ["bucket"] = new JsonObject { ["name"] = "uploads" },
                ["object"] = new JsonObject { ["key"] = ObjectKey, ["size"] = 5 },
                ["reason"] = "PutObject",
            },
        };
        return new TargetInvocation(rule, rule.Spec!.Targets![0], awsEvent, awsEvent.ToJson(), attempt);
    }
}
