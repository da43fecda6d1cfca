using System.Diagnostics;
using System.Globalization;
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
        : ["create service", "run task", "schedule firing (operator-timed)"];

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Flow_KilledAtEachWrite_ConvergesToTheNoFaultEndState(string name)
    {
        var flow = CrashFlow.All.Single(f => f.Name == name);
        var started = Stopwatch.GetTimestamp();
        var ecs = new EcsClient(fixture.Client);
        await using var op = await ProxiedOperator.StartAsync(fixture, "crash", "--leader-election", "false");

        var reference = await RunAsync(op, ecs, flow, crashAt: null, CrashPoint.BeforeResponse, expected: null);
        var writes = reference.Writes;
        Assert.True(writes > 0, $"{flow}: the operator made no write in the no-fault run");

        List<(int K, CrashPoint Point)> points = fixture.Full
            ? [.. Enumerable.Range(1, writes).SelectMany(k => new[] { (k, CrashPoint.BeforeResponse), (k, CrashPoint.AfterResponse) })]
            : [.. new[] { ((writes + 1) / 2, CrashPoint.BeforeResponse), (writes, CrashPoint.AfterResponse) }.Distinct()];
        var failures = new List<string>();
        var reached = 0;
        foreach (var (k, point) in points)
        {
            var run = await RunAsync(op, ecs, flow, k, point, reference.State);
            reached += run.Crashed ? 1 : 0;
            if (run.Failure is not null)
            {
                failures.Add($"k={k} {point}: {run.Failure}");
            }
        }

        foreach (var ns in _namespaces)
        {
            await fixture.Client.CoreV1.DeleteNamespaceAsync(ns);
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"crash-at-every-write flow=\"{flow}\" writes={writes} points={points.Count} crashed={reached} pass={points.Count - failures.Count} fail={failures.Count} seconds={Stopwatch.GetElapsedTime(started).TotalSeconds:F0}");
        ReliabilityReport.Write(output, line);
        Assert.True(failures.Count == 0, $"{line}\n{string.Join("\n", failures)}\n(logs in {op.Work})");
    }

    private async Task<Run> RunAsync(ProxiedOperator op, EcsClient ecs, CrashFlow flow, int? crashAt, CrashPoint point, NamespaceState? expected)
    {
        var ns = await fixture.CreateNamespaceAsync("crash");
        try
        {
            var beforeArrange = op.Proxy.WriteCount;
            await flow.Arrange(ecs, ns);
            await Eventually.TrueAsync(() => op.Proxy.WriteCount > beforeArrange, $"{flow}: the operator to act on the arranged state", Convergence);
            await op.IdleAsync(Convergence);

            // Only this namespace's writes count: the cluster-wide operator also writes the status of other runs' objects.
            var mine = $"/namespaces/{ns}/";
            var before = op.Proxy.WriteCount;
            var crashed = crashAt is { } k ? op.Proxy.ArmCrash(k, point, () => op.Process.KillAsync(), path => path.Contains(mine, StringComparison.Ordinal)) : null;
            var replacements = await flow.Act(ecs, fixture.Client, ns);
            if (crashed is null)
            {
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
                return new Run(writes, await NamespaceState.ReadAsync(fixture.Client, ns, replacements), Crashed: false, Failure: null);
            }

            // Either the k-th write came and the operator is dead, or this run made fewer writes and ended idle.
            var ended = await Eventually.HoldsAsync(async () => crashed.IsCompleted || await op.IsQuietAsync(), Convergence);
            if (!ended)
            {
                return new Run(0, null, Crashed: false, $"neither the crash nor an idle operator within {Convergence}");
            }

            // A run that went quiet before its k-th write must not be killed by a late one while it is judged.
            var wasCrashed = op.Proxy.Disarm();
            if (wasCrashed)
            {
                await crashed;
                await op.RestartAsync();
            }

            NamespaceState? last = null;
            var converged = await Eventually.HoldsAsync(async () =>
            {
                last = await NamespaceState.ReadAsync(fixture.Client, ns, replacements);
                return last.SameAs(expected!);
            }, Convergence, poll: TimeSpan.FromMilliseconds(500));
            if (!converged)
            {
                return new Run(0, last, wasCrashed, $"did not converge within {Convergence}:\n{last!.Diff(expected!)}");
            }

            // Converged and staying there: the operator, idle, has nothing left to change.
            await op.IdleAsync(Convergence);
            last = await NamespaceState.ReadAsync(fixture.Client, ns, replacements);
            return new Run(0, last, wasCrashed, last.SameAs(expected!) ? null : $"left the end state after converging:\n{last.Diff(expected!)}");
        }
        finally
        {
            _namespaces.Add(ns);
        }
    }

    private sealed record Run(int Writes, NamespaceState? State, bool Crashed, string? Failure);
}
