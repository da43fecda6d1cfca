using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.IntegrationTests.Events;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// Sieve's intermediate states: for each flow, a run without fault gives the end state and the number N of mutating
/// requests the operator makes for it (counted by <see cref="ApiServerProxy"/>, from the API server's side); then for
/// each crash point k the operator is killed (SIGKILL) at its k-th write of the flow, restarted, and the namespace must
/// converge to exactly the reference state: same objects, same content hashes, no duplicate or orphaned child.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class CrashAtEveryWriteTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(60);

    // Deleted once the flow is done, not between its runs: a namespace being torn down keeps the cluster-wide
    // operator busy (reconciles of objects going away) while the next run waits for it to be idle.
    private readonly List<string> _namespaces = [];

    /// <summary>Every flow in the full suite; in the short one, three that cover a service, a task and a schedule.</summary>
    public static TheoryData<string> Flows => ReliabilityFixture.IsFull
        ? [.. CrashFlow.All.Select(f => f.Name)]
        : ["create service", "run task", "schedule firing (operator-timed)", "event delivery"];

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Flow_KilledAtEachWrite_ConvergesToTheNoFaultEndState(string name)
    {
        var flow = CrashFlow.All.Single(f => f.Name == name);
        var started = Stopwatch.GetTimestamp();
        var ecs = new EcsClient(fixture.Client);
        var eventsPort = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        string[] flags = flow.Event is null
            ? ["--leader-election", "false"]
            : ["--leader-election", "false", "--events-endpoint", "true", "--events-endpoint-allow-http", "true",
                "--events-endpoint-port", eventsPort, "--events-retry-base-delay", "200ms"];
        await using var op = await ProxiedOperator.StartAsync(fixture, "crash", flags);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var events = flow.Event is null ? null : new Uri($"http://127.0.0.1:{eventsPort}/");

        var reference = await RunAsync(op, ecs, flow, crashAt: null, CrashPoint.BeforeResponse, expected: null, http, events);
        var writes = reference.Writes;
        Assert.True(writes > 0, $"{flow}: the operator made no write in the no-fault run");

        // The short version's points, plus, for a posted event, the write that records it (the first of the flow):
        // killed there, the operator dies inside the POST, which the client then resends with the same event id.
        List<(int K, CrashPoint Point)> points = fixture.Full
            ? [.. Enumerable.Range(1, writes).SelectMany(k => new[] { (k, CrashPoint.BeforeResponse), (k, CrashPoint.AfterResponse) })]
            : [.. new[] { ((writes + 1) / 2, CrashPoint.BeforeResponse), (writes, CrashPoint.AfterResponse) }
                .Concat(flow.Event is null ? [] : [(1, CrashPoint.BeforeResponse)]).Distinct()];
        var failures = new List<string>();
        var reached = 0;
        var resent = 0;
        foreach (var (k, point) in points)
        {
            var run = await RunAsync(op, ecs, flow, k, point, reference.State, http, events);
            reached += run.Crashed ? 1 : 0;
            resent += run.Resent ? 1 : 0;
            if (run.Failure is not null)
            {
                failures.Add($"k={k} {point}: {run.Failure}");
            }
        }

        if (flow.Event is not null && resent == 0)
        {
            failures.Add("no POST of the event failed, so the client's resend was never tested (k=1 before its answer should kill the operator inside the POST)");
        }

        foreach (var ns in _namespaces)
        {
            await fixture.Client.CoreV1.DeleteNamespaceAsync(ns);
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"crash-at-every-write flow=\"{flow}\" writes={writes} points={points.Count} crashed={reached}{(flow.Event is null ? "" : $" posts_resent={resent}")} pass={points.Count - failures.Count} fail={failures.Count} seconds={Stopwatch.GetElapsedTime(started).TotalSeconds:F0}");
        ReliabilityReport.Write(output, line);
        Assert.True(failures.Count == 0, $"{line}\n{string.Join("\n", failures)}\n(logs in {op.Work})");
    }

    private async Task<Run> RunAsync(
        ProxiedOperator op, EcsClient ecs, CrashFlow flow, int? crashAt, CrashPoint point, NamespaceState? expected, HttpClient http, Uri? events)
    {
        var ns = await fixture.CreateNamespaceAsync("crash");
        try
        {
            var token = flow.Event is null ? null : await EventPoster.TokenAsync(fixture.Client, ns);
            var beforeArrange = op.Proxy.WriteCount;
            await flow.Arrange(ecs, ns);
            await Eventually.TrueAsync(() => op.Proxy.WriteCount > beforeArrange, $"{flow}: the operator to act on the arranged state", Convergence);
            await op.IdleAsync(Convergence);

            // Only this namespace's writes count: the cluster-wide operator also writes the status of other runs' objects.
            var mine = $"/namespaces/{ns}/";
            var before = op.Proxy.WriteCount;
            var crashed = crashAt is { } k ? op.Proxy.ArmCrash(k, point, () => op.Process.KillAsync(), path => path.Contains(mine, StringComparison.Ordinal)) : null;
            var replacements = await flow.Act(ecs, fixture.Client, ns);
            var posted = flow.Event is null || await TryPostAsync(http, events!, ns, flow.Event, token!);
            if (crashed is null)
            {
                Assert.True(posted, $"{flow}: the event was not accepted in the no-fault run");
                // The reference run ends when the flow's end has happened, not at the first idle moment: the operator
                // may be idle before the new object's watch event arrives, or (a schedule) until the fire time.
                await Eventually.TrueAsync(
                    () => op.Proxy.Writes.Any(w => w.Sequence > before && w.Path.Contains(mine, StringComparison.Ordinal)), $"{flow}: a write of the operator", Convergence);
                if (flow.Done is { } done)
                {
                    await Eventually.ValueAsync(() => done(fixture.Client, ns), ended => ended, $"{flow}: its end", Convergence);
                }

                await op.IdleAsync(Convergence);
                var writes = op.Proxy.Writes.Count(w => w.Sequence > before && w.Path.Contains(mine, StringComparison.Ordinal));
                return new Run(writes, await NamespaceState.ReadAsync(fixture.Client, ns, replacements), Crashed: false, Resent: false, Failure: null);
            }

            // Either the k-th write came and the operator is dead, or this run made fewer writes and ended idle.
            var ended = await Eventually.HoldsAsync(async () => crashed.IsCompleted || await op.IsQuietAsync(), Convergence);
            if (!ended)
            {
                return new Run(0, null, Crashed: false, Resent: false, $"neither the crash nor an idle operator within {Convergence}");
            }

            // A run that went quiet before its k-th write must not be killed by a late one while it is judged.
            var wasCrashed = op.Proxy.Disarm();

            // The client's side of a POST that got no 2xx (the operator died inside it): it sends the same event again
            // at once and every 50 ms until one is accepted, while the operator restarts too: a sender does not wait
            // for the operator to be ready, so it also meets the restarted process as soon as it listens.
            var resent = !posted;
            var resending = resent
                ? Eventually.HoldsAsync(() => TryPostAsync(http, events!, ns, flow.Event!, token!), ProxiedOperator.ReadyTimeout + Convergence, TimeSpan.FromMilliseconds(50))
                : Task.FromResult(true);
            if (wasCrashed)
            {
                await crashed;
                await op.RestartAsync();
            }

            if (!await resending)
            {
                return new Run(0, null, wasCrashed, resent, $"the resent event was not accepted within {Convergence}");
            }

            NamespaceState? last = null;
            var converged = await Eventually.HoldsAsync(async () =>
            {
                last = await NamespaceState.ReadAsync(fixture.Client, ns, replacements);
                return last.SameAs(expected!);
            }, Convergence, poll: TimeSpan.FromMilliseconds(500));
            if (!converged)
            {
                return new Run(0, last, wasCrashed, resent, $"did not converge within {Convergence}{(resent ? " (the event was resent)" : "")}:\n{last!.Diff(expected!)}");
            }

            // Converged and staying there: the operator, idle, has nothing left to change.
            await op.IdleAsync(Convergence);
            last = await NamespaceState.ReadAsync(fixture.Client, ns, replacements);
            return new Run(0, last, wasCrashed, resent, last.SameAs(expected!) ? null : $"left the end state after converging:\n{last.Diff(expected!)}");
        }
        finally
        {
            _namespaces.Add(ns);
        }
    }

    /// <summary>Posts the flow's CloudEvent as its sender would: true when it was answered 2xx (accepted).</summary>
    private static async Task<bool> TryPostAsync(HttpClient http, Uri events, string ns, string cloudEvent, string token)
    {
        try
        {
            var (status, _) = await EventPoster.PostAsync(http, events, ns, "cloudevents", cloudEvent, token, "application/cloudevents+json");
            return (int)status is >= 200 and < 300;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // Killed inside the request, or not listening yet after a restart.
            return false;
        }
    }

    private sealed record Run(int Writes, NamespaceState? State, bool Crashed, bool Resent, string? Failure);
}
