using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>The ecsTask target against the real API server: one EcsTask per event however often it is delivered.</summary>
[Collection(KubeCollection.Name)]
public sealed class EcsTaskTargetInvokerIntegrationTests
{
    private const string ObjectKey = "incoming/2026/report \"Q4\" ä.csv";
    private static readonly ResourceType TaskType = ResourceType.For<EcsTask>();

    private readonly KubeFixture _fixture;

    public EcsTaskTargetInvokerIntegrationTests(KubeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task InvokeAsync_SameEventTwice_OneEcsTaskWhoseOverrideCarriesTheObjectKey()
    {
        var ns = await _fixture.CreateNamespaceAsync("events-invoker");
        var client = new KubernetesRestClient(_fixture.Client);
        var invoker = new EcsTaskTargetInvoker(new KubernetesEcsTaskWriter(client), EcsEventSettings.Default, TimeProvider.System, NullLogger<EcsTaskTargetInvoker>.Instance);
        var rule = Rule(ns, count: 1);

        var first = await invoker.InvokeAsync(Invocation(rule, "evt-1", attempt: 1), CancellationToken.None);
        var again = await invoker.InvokeAsync(Invocation(rule, "evt-1", attempt: 2), CancellationToken.None);
        var other = await invoker.InvokeAsync(Invocation(rule, "evt-2", attempt: 1), CancellationToken.None);

        Assert.Equal(TargetOutcomeKind.Delivered, first.Kind);
        Assert.Equal(TargetOutcomeKind.Delivered, again.Kind);
        Assert.Equal(TargetOutcomeKind.Delivered, other.Kind);
        var list = await client.GetAsync<JsonObject>(TaskType.CollectionPath(ns), CancellationToken.None);
        var tasks = list!["items"]!.AsArray().Select(i => KubernetesJson.Deserialize<EcsTask>(i!.ToJsonString())).ToList();
        Assert.Equal(2, tasks.Count);
        var task = Assert.Single(tasks, t => t.Metadata.Annotations[WellKnownAnnotations.EventId] == "evt-1");
        Assert.Equal(EventTaskNames.For("on-upload", "loader", "evt-1"), task.Metadata.Name);
        Assert.Equal("on-upload", task.Metadata.Labels[WellKnownLabels.EventRule]);
        var container = Assert.Single(task.Spec!.Overrides!.ContainerOverrides!);
        Assert.Equal(ObjectKey, Assert.Single(container.Environment!, e => e.Name == "OBJECT_KEY").Value);
    }

    [Fact]
    public async Task InvokeAsync_ApiServerRefusesTheTask_PermanentWithItsReason()
    {
        var ns = await _fixture.CreateNamespaceAsync("events-invoker-refused");
        var client = new KubernetesRestClient(_fixture.Client);
        var invoker = new EcsTaskTargetInvoker(new KubernetesEcsTaskWriter(client), EcsEventSettings.Default, TimeProvider.System, NullLogger<EcsTaskTargetInvoker>.Instance);

        // The CRD's schema allows 1 to 10 tasks; the API server answers 422.
        var outcome = await invoker.InvokeAsync(Invocation(Rule(ns, count: 11), "evt-1", attempt: 1), CancellationToken.None);

        Assert.Equal(TargetOutcomeKind.Permanent, outcome.Kind);
        Assert.Contains("422", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("count", outcome.Reason, StringComparison.Ordinal);
    }

    private static EcsEventRule Rule(string ns, int count) => new()
    {
        Metadata = new V1ObjectMeta { Name = "on-upload", NamespaceProperty = ns },
        Spec = new EcsEventRuleSpec
        {
            Targets =
            [
                new EventRuleTarget
                {
                    Id = "loader",
                    EcsTask = new EcsTaskTarget
                    {
                        TaskDefinition = "loader",
                        Count = count,
                        InputTransformer = new InputTransformer
                        {
                            InputPathsMap = new Dictionary<string, string> { ["key"] = "$.detail.object.key" },
                            InputTemplate = """{"containerOverrides":[{"name":"loader","environment":[{"name":"OBJECT_KEY","value":"<key>"}]}]}""",
                        },
                    },
                },
            ],
        },
    };

    private static TargetInvocation Invocation(EcsEventRule rule, string id, int attempt)
    {
        var awsEvent = new AwsEvent
        {
            Id = id,
            DetailType = "Object Created",
            Source = "aws.s3",
            Account = EcsEventSettings.DefaultAccount,
            Region = EcsEventSettings.DefaultRegion,
            Time = DateTimeOffset.UtcNow,
            Detail = new JsonObject { ["object"] = new JsonObject { ["key"] = ObjectKey } },
        };
        return new TargetInvocation(rule, rule.Spec!.Targets![0], awsEvent, awsEvent.ToJson(), attempt);
    }
}
