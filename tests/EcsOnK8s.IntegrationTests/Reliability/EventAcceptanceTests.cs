using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Events;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// No lost event across a restart: a restarted operator listens on its events endpoint before it has read the
/// EcsEventRules, and an event posted then (a sender retrying a POST the crash cut) would match no rule and be
/// dropped with a 2xx. Held there by the proxy (the rules' list answered 503), the operator must refuse it for a
/// retry, and accept and deliver the same event once it has read them.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class EventAcceptanceTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostedAfterRestart_BeforeTheRulesAreRead_RefusedForRetryThenDeliveredOnce()
    {
        var started = Stopwatch.GetTimestamp();
        var ns = await fixture.CreateNamespaceAsync("accept");
        var ecs = new EcsClient(fixture.Client);
        var token = await EventPoster.TokenAsync(fixture.Client, ns);
        var flow = CrashFlow.All.Single(f => f.Event is not null);
        await flow.Arrange(ecs, ns);
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        await using var op = await ProxiedOperator.StartAsync(
            fixture, "accept", "--namespaces", ns, "--leader-election", "false", "--events-endpoint", "true",
            "--events-endpoint-allow-http", "true", "--events-endpoint-port", port, "--events-retry-base-delay", "200ms");
        await op.IdleAsync(Patience);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var events = new Uri($"http://127.0.0.1:{port}/");

        await op.Process.KillAsync();
        op.Proxy.BlockReads = path => path.Contains($"/{EcsEventRule.Plural}", StringComparison.Ordinal);
        await op.RestartAsync(waitReady: false);

        // The first answer of the restarted endpoint (it listens before its informers have synced).
        var first = await Eventually.ValueAsync(
            () => PostAsync(http, events, ns, flow.Event!, token), answer => answer is not null, "an answer of the restarted events endpoint", Patience);
        var refusedWhileBlind = first!.Value;
        var pendingWhileBlind = await PendingAsync(ns);
        op.Proxy.BlockReads = null;

        await Eventually.ValueAsync(() => PostAsync(http, events, ns, flow.Event!, token), answer => answer is >= 200 and < 300, "the event accepted once the rules are read", Patience);
        await Eventually.ValueAsync(async () => (await fixture.Client.BatchV1.ListNamespacedJobAsync(ns)).Items.Count, jobs => jobs == 1, "the event's Job", Patience);
        await op.IdleAsync(Patience);
        var tasks = (await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<System.Text.Json.JsonElement>(EcsApi.Group, EcsApi.Version, ns, EcsTask.Plural))
            .GetProperty("items").GetArrayLength();
        var jobs = (await fixture.Client.BatchV1.ListNamespacedJobAsync(ns)).Items.Count;

        ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture,
            $"event-acceptance first_answer_while_rules_unread={refusedWhileBlind} pending_records_then={pendingWhileBlind} tasks={tasks} jobs={jobs} seconds={Stopwatch.GetElapsedTime(started).TotalSeconds:F0}"));
        Assert.True(refusedWhileBlind >= 500, $"the event was answered {refusedWhileBlind} before the operator had read the rules: accepted and matched against none, it is lost");
        Assert.Equal(0, pendingWhileBlind);
        Assert.Equal(1, tasks);
        Assert.Equal(1, jobs);
        await fixture.Client.CoreV1.DeleteNamespaceAsync(ns);
    }

    /// <summary>The status code of one post of the CloudEvent, or null when nothing answered (not listening yet).</summary>
    private static async Task<int?> PostAsync(HttpClient http, Uri events, string ns, string cloudEvent, string token)
    {
        try
        {
            var (status, _) = await EventPoster.PostAsync(http, events, ns, "cloudevents", cloudEvent, token, "application/cloudevents+json");
            return (int)status;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<int> PendingAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: $"{WellKnownLabels.EventRecord}={WellKnownLabels.EventRecordPending}")).Items.Count;
}
