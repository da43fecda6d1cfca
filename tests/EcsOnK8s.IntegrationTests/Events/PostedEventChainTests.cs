using System.Net;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>
/// The whole inbound chain in the real operator host against the real API server: the events endpoint (token
/// reviews, parsing), the operator's own event bus (rule match, pending record), the dispatcher and the ecsTask
/// target, which creates the EcsTask.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class PostedEventChainTests(KubeFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly ResourceType TaskType = ResourceType.For<EcsTask>();

    [Fact]
    public async Task S3ObjectCreated_PostedWithNamespaceToken_OneEcsTaskWithTheKeyRedeliveryStartsNoSecondAndOtherNamespaceUntouched()
    {
        var a = await fixture.CreateNamespaceAsync("ev-chain-a");
        var b = await fixture.CreateNamespaceAsync("ev-chain-b");
        var tokenA = await EventPoster.TokenAsync(fixture.Client, a);
        await EventPoster.TokenAsync(fixture.Client, b);
        await using var host = await EventsEndpointHarness.StartWithRulesAsync(
            fixture.KubeconfigPath, $"{a},{b}", "--events-endpoint-allow-http", "true", "--events-retry-base-delay", "200ms");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var ns in new[] { a, b })
        {
            await CreateRuleAsync(host, ns);
        }

        // S3's "Object Created" as EventBridge receives it, posted through PutEvents.
        var putEvents = new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject
            {
                ["Source"] = "aws.s3",
                ["DetailType"] = "Object Created",
                ["Detail"] = S3Detail("incoming/2026/report.csv").ToJsonString(),
                ["Resources"] = new JsonArray("arn:aws:s3:::uploads"),
            }),
        }.ToJsonString();
        var (status, answer) = await EventPoster.PostAsync(http, host.EventsAddress, a, "putevents", putEvents, tokenA, "application/x-amz-json-1.1");
        Assert.True(status == HttpStatusCode.OK, $"{status} {answer}");
        Assert.Equal(0, answer["FailedEntryCount"]!.GetValue<int>());
        var eventId = answer["Entries"]![0]!["EventId"]!.GetValue<string>();

        var task = Assert.Single(await Eventually.ValueAsync(() => TasksAsync(a), t => t.Count == 1, "the EcsTask of the upload", Patience));
        Assert.Equal(EventTaskNames.For("on-upload", "loader", eventId), task["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(eventId, task["metadata"]!["annotations"]![WellKnownAnnotations.EventId]!.GetValue<string>());
        Assert.Equal("loader:1", task["spec"]!["taskDefinition"]!.GetValue<string>());
        Assert.Equal("events-rule/on-upload", task["spec"]!["startedBy"]!.GetValue<string>());
        var container = Assert.Single(task["spec"]!["overrides"]!["containerOverrides"]!.AsArray())!;
        Assert.Equal("loader", container["name"]!.GetValue<string>());
        var environment = container["environment"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal("incoming/2026/report.csv", environment["OBJECT_KEY"]);
        Assert.Equal("prod", environment["STAGE"]);

        // The same event again: a CloudEvent keeps its sender's id, so a sender's redelivery carries it again. Posted
        // twice at once (the second finds the pending record), then once more after the first was delivered and its
        // record deleted (the ecsTask target finds the task the id names). One task for it in all.
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "s3-upload-0001",
            ["source"] = "aws.s3",
            ["type"] = "Object Created",
            ["datacontenttype"] = "application/json",
            ["data"] = S3Detail("incoming/2026/second.csv"),
        }.ToJsonString();
        for (var post = 0; post < 2; post++)
        {
            (status, answer) = await EventPoster.PostAsync(http, host.EventsAddress, a, "cloudevents", cloudEvent, tokenA, "application/cloudevents+json");
            Assert.True(status == HttpStatusCode.OK, $"{status} {answer}");
            Assert.Equal("s3-upload-0001", answer["Entries"]![0]!["EventId"]!.GetValue<string>());
        }

        await Eventually.ValueAsync(() => TasksAsync(a), t => t.Count == 2, "the EcsTask of the CloudEvent", Patience);
        await Eventually.ValueAsync(() => PendingAsync(a), p => p.Count == 0, "the pending records deleted once delivered", Patience);
        (status, answer) = await EventPoster.PostAsync(http, host.EventsAddress, a, "cloudevents", cloudEvent, tokenA, "application/cloudevents+json");
        Assert.True(status == HttpStatusCode.OK, $"{status} {answer}");

        // Counts: the upload once; the CloudEvent twice or three times. The second post finds the first's pending
        // record when it comes before that delivery (one record), or makes a record of its own when the first was
        // delivered already (which one wins depends on timing); every delivery of the id finds the same task.
        await Eventually.ValueAsync(() => PendingAsync(a), p => p.Count == 0, "the last pending record deleted", Patience);
        var rule = await Eventually.ValueAsync(
            () => new EcsClient(fixture.Client).GetAsync<EcsEventRule>(a, "on-upload"),
            r => r?.Status?.Targets?.SingleOrDefault() is { Delivered: >= 3 } t && t.Delivered == t.Matched, "every match delivered in the rule's status", Patience);
        var counts = rule!.Status.Targets!.Single();
        Assert.Equal("loader", counts.Id);
        Assert.InRange(counts.Matched ?? 0, 3L, 4L);
        Assert.Equal(0L, counts.Failed ?? 0);
        Assert.Null(rule.Status.DeadLetters);
        await Eventually.ValueAsync(() => PendingAsync(a), p => p.Count == 0, "the last pending record deleted", Patience);
        var tasks = await TasksAsync(a);
        Assert.Equal(2, tasks.Count);
        Assert.Single(tasks, t => t["metadata"]!["annotations"]![WellKnownAnnotations.EventId]!.GetValue<string>() == "s3-upload-0001");

        // A token of namespace A for namespace B: refused, and B's rule starts nothing.
        (status, answer) = await EventPoster.PostAsync(http, host.EventsAddress, b, "putevents", putEvents, tokenA, "application/x-amz-json-1.1");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AccessDeniedException", answer["__type"]!.GetValue<string>());
        (status, _) = await EventPoster.PostAsync(http, host.EventsAddress, b, "cloudevents", cloudEvent, tokenA, "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(await Eventually.HoldsAsync(async () => (await TasksAsync(b)).Count == 0 && (await PendingAsync(b)).Count == 0, TimeSpan.FromSeconds(3)), "namespace B got a task");
        var ruleB = await new EcsClient(fixture.Client).GetAsync<EcsEventRule>(b, "on-upload");
        Assert.True((ruleB!.Status.Targets?.SingleOrDefault()?.Matched ?? 0) == 0, "namespace B's rule matched an event");
    }

    [Fact]
    public async Task Posted_ToReplicaWithoutTheLease_AcceptedAndRecordedThenDeliveredByTheLeader()
    {
        var ns = await fixture.CreateNamespaceAsync("ev-chain-follower");
        var token = await EventPoster.TokenAsync(fixture.Client, ns);
        // Another replica holds the Lease for ten minutes: this host is a follower (ready, informers, no workers).
        await fixture.Client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease
            {
                Metadata = new V1ObjectMeta { Name = "events-lease" },
                Spec = new V1LeaseSpec { HolderIdentity = "other-replica", LeaseDurationSeconds = 600, AcquireTime = DateTime.UtcNow, RenewTime = DateTime.UtcNow },
            },
            ns);
        await using var host = await EventsEndpointHarness.StartWithRulesAsync(
            fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true", "--events-retry-base-delay", "200ms",
            "--leader-election", "true", "--leader-election-namespace", ns, "--leader-election-id", "events-lease",
            "--lease-duration", "5s", "--renew-deadline", "3s", "--retry-period", "500ms");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await CreateRuleAsync(host, ns);

        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "on-follower-1", ["source"] = "aws.s3", ["type"] = "Object Created",
            ["data"] = S3Detail("incoming/follower.csv"),
        }.ToJsonString();
        var (status, answer) = await EventPoster.PostAsync(http, host.EventsAddress, ns, "cloudevents", cloudEvent, token, "application/cloudevents+json");

        // Any replica records what it accepts; only the leader delivers.
        Assert.True(status == HttpStatusCode.OK, $"{status} {answer}");
        Assert.Equal(0, answer["FailedEntryCount"]!.GetValue<int>());
        Assert.Single(await PendingAsync(ns));
        Assert.True(await Eventually.HoldsAsync(async () => (await TasksAsync(ns)).Count == 0, TimeSpan.FromSeconds(2)), "a follower started a task");

        var lease = await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("events-lease", ns);
        // The other replica is gone: its last renewal expires a second after this host sees it.
        lease.Spec.LeaseDurationSeconds = 1;
        lease.Spec.RenewTime = DateTime.UtcNow;
        await fixture.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "events-lease", ns);

        await Eventually.ValueAsync(() => fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("events-lease", ns), l => l.Spec.HolderIdentity?.StartsWith("events-test", StringComparison.Ordinal) == true, "the Lease taken by this host", Patience, describe: l => l.Spec.HolderIdentity ?? "none");
        var task = Assert.Single(await Eventually.ValueAsync(() => TasksAsync(ns), t => t.Count == 1, "the task, once this replica leads", Patience));
        Assert.Equal("on-follower-1", task["metadata"]!["annotations"]![WellKnownAnnotations.EventId]!.GetValue<string>());
        await Eventually.ValueAsync(() => PendingAsync(ns), p => p.Count == 0, "the pending record deleted once delivered", Patience);
    }

    internal static JsonObject S3Detail(string key) => new()
    {
        ["version"] = "0",
        ["bucket"] = new JsonObject { ["name"] = "uploads" },
        ["object"] = new JsonObject { ["key"] = key, ["size"] = 512, ["etag"] = "b1946ac92492d2347c6235b4d2611184" },
        ["request-id"] = "N4N7GDK58NMKJ12R",
        ["requester"] = "123456789012",
        ["reason"] = "PutObject",
    };

    /// <summary>The rule of docs/events.md: an upload under incoming/ starts a loader task with the object key.</summary>
    private async Task CreateRuleAsync(EventsEndpointHarness host, string ns)
    {
        var rule = KubernetesYaml.Deserialize<EcsEventRule>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: on-upload}
            spec:
              eventPattern:
                source: [aws.s3]
                detail-type: [Object Created]
                detail:
                  bucket: {name: [uploads]}
                  object: {key: [{prefix: incoming/}]}
              targets:
              - id: loader
                ecsTask:
                  taskDefinition: loader:1
                  overrides: {containerOverrides: [{name: loader, environment: [{name: STAGE, value: prod}]}]}
                  inputTransformer:
                    inputPathsMap: {key: $.detail.object.key}
                    inputTemplate: '{"containerOverrides": [{"name": "loader", "environment": [{"name": "OBJECT_KEY", "value": <key>}]}]}'
            """);
        rule.Metadata.NamespaceProperty = ns;
        await new EcsClient(fixture.Client).CreateAsync(rule);
        await Eventually.TrueAsync(
            () => host.Services.GetRequiredService<EventRuleRegistry>() is { Complete: true } rules && rules.Get(new ObjectKey(ns, "on-upload")) is not null, "the rule compiled and every namespace's rules read", Patience);
    }

    private async Task<IReadOnlyList<JsonObject>> TasksAsync(string ns)
    {
        var list = await new KubernetesRestClient(fixture.Client).GetAsync<JsonObject>(TaskType.CollectionPath(ns), CancellationToken.None);
        return [.. list!["items"]!.AsArray().Select(t => t!.AsObject())];
    }

    private async Task<IList<V1ConfigMap>> PendingAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: $"{WellKnownLabels.EventRecord}={WellKnownLabels.EventRecordPending}")).Items;
}
