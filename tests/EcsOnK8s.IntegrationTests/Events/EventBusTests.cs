using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>Posted events (<see cref="IEventBus"/>, what the inbound endpoint calls) against the real API server.</summary>
[Collection(KubeCollection.Name)]
public sealed class EventBusTests(KubeFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publish_AcceptedThenOperatorStopped_DeliveredOnceAfterRestartAndRecordDeleted()
    {
        using var receiver = new EventReceiver { Status = 503 };
        var ns = await fixture.CreateNamespaceAsync("ev-bus");
        var first = await StartOperatorAsync(ns);
        var rule = KubernetesYaml.Deserialize<EcsEventRule>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: uploads}
            spec:
              eventPattern:
                source: [my.store]
                detail:
                  key: [{prefix: incoming/}]
              targets:
              - id: hook
                http: {url: "{{receiver.Url}}"}
            """);
        rule.Metadata.NamespaceProperty = ns;
        await new EcsClient(fixture.Client).CreateAsync(rule);
        var bus = first.Services.GetRequiredService<IEventBus>();
        await Eventually.TrueAsync(() => first.Services.GetRequiredService<EventRuleRegistry>() is { Complete: true } rules && rules.Get(new EcsOnK8s.Runtime.ObjectKey(ns, "uploads")) is not null, "the rule compiled and every namespace's rules read", Patience);

        var matching = Event("e-1", "incoming/a.csv");
        var outcomes = await bus.PublishAsync(ns, [matching, Event("e-2", "archive/b.csv"), matching], CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Accepted));
        Assert.Equal(["e-1", "e-2", "e-1"], outcomes.Select(o => o.EventId));
        var pending = await PendingAsync(ns);
        Assert.Equal(PendingEvent.NameOf((await new EcsClient(fixture.Client).GetAsync<EcsEventRule>(ns, "uploads"))!.Metadata.Uid, "e-1"), Assert.Single(pending).Metadata.Name);
        await Eventually.TrueAsync(() => !receiver.Requests.IsEmpty, "an attempt the receiver refused", Patience);
        await first.DisposeAsync();

        receiver.Status = 200;
        await using var second = await StartOperatorAsync(ns);
        var delivered = await Eventually.ValueAsync(() => Task.FromResult(receiver.FirstAccepted), r => r is not null, "the posted event after the restart", Patience);
        Assert.Equal("e-1", delivered!.Id);
        Assert.Equal("incoming/a.csv", delivered.Json.GetProperty("data").GetProperty("key").GetString());
        await Eventually.ValueAsync(() => PendingAsync(ns), p => p.Count == 0, "the pending event deleted once delivered", Patience);
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task Publish_RuleOfAnotherNamespace_NotMatched()
    {
        using var receiver = new EventReceiver();
        var ns = await fixture.CreateNamespaceAsync("ev-bus-a");
        var other = await fixture.CreateNamespaceAsync("ev-bus-b");
        await using var host = await OperatorHostHarness.StartAsync(
            fixture.KubeconfigPath, ownMetrics: true, "--namespaces", $"{ns},{other}", "--leader-election", "false");
        host.Probe.AllowSync();
        var rule = KubernetesYaml.Deserialize<EcsEventRule>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: uploads}
            spec:
              eventPattern: {source: [my.store]}
              targets:
              - id: hook
                http: {url: "{{receiver.Url}}"}
            """);
        rule.Metadata.NamespaceProperty = ns;
        await new EcsClient(fixture.Client).CreateAsync(rule);
        await Eventually.TrueAsync(() => host.Services.GetRequiredService<EventRuleRegistry>() is { Complete: true } rules && rules.Get(new EcsOnK8s.Runtime.ObjectKey(ns, "uploads")) is not null, "the rule compiled and every namespace's rules read", Patience);
        var bus = host.Services.GetRequiredService<IEventBus>();

        var outcome = Assert.Single(await bus.PublishAsync(other, [Event("e-b", "incoming/x")], CancellationToken.None));

        Assert.True(outcome.Accepted);
        Assert.Empty(await PendingAsync(other));
        Assert.Empty(await PendingAsync(ns));
    }

    private async Task<IList<V1ConfigMap>> PendingAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: $"{WellKnownLabels.EventRecord}={WellKnownLabels.EventRecordPending}")).Items;

    private async Task<OperatorHostHarness> StartOperatorAsync(string ns)
    {
        var host = await OperatorHostHarness.StartAsync(
            fixture.KubeconfigPath, ownMetrics: true, "--namespaces", ns, "--leader-election", "false", "--events-retry-base-delay", "200ms");
        host.Probe.AllowSync();
        return host;
    }

    private static AwsEvent Event(string id, string key) => new()
    {
        Id = id,
        DetailType = "Object Created",
        Source = "my.store",
        Account = "000000000000",
        Region = "local",
        Time = DateTimeOffset.UtcNow,
        Detail = new JsonObject { ["key"] = key },
    };
}
