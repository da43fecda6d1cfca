using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Testing.Common;
using k8s.Models;

namespace EcsOnK8s.Events.Benchmarks;

/// <summary>
/// <c>make bench-events</c> (second part): ECS events delivered per second by the dispatcher and the http invoker to a
/// receiver on 127.0.0.1 (one target: one in-order lane; four targets: four lanes), and the memory of 1,000
/// compiled rules with their delivery state; then the inbound chain against a local API server
/// (<see cref="ChainBenchmark"/>). Arguments: <c>[events per run]</c> (default 5,000), <c>--chain-events N</c>
/// (posted events timed, default 200), <c>--rules N</c> (EcsEventRules for the operator's memory, default 1,000),
/// <c>--no-chain</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var events = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5_000;
        var chainEvents = Flag(args, "--chain-events", 200);
        var rules = Flag(args, "--rules", 1_000);
        var port = LoopbackPort.Free();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = 0L;
        _ = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                try
                {
                    var context = await receiver.GetContextAsync().ConfigureAwait(false);
                    await context.Request.InputStream.CopyToAsync(Stream.Null).ConfigureAwait(false);
                    Interlocked.Increment(ref received);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
            }
        });

        var options = new EventDeliveryOptions { MaxInvocationsPerMinute = 1_000_000, QueueLimit = 1_000_000 };
        using var invoker = new HttpTargetInvoker(null, options, TimeProvider.System);
        foreach (var targets in new[] { 1, 4 })
        {
            await DeliverAsync(invoker, options, port, Math.Min(500, events), targets).ConfigureAwait(false); // warm-up
            var (seconds, delivered) = await DeliverAsync(invoker, options, port, events, targets).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"delivery, {targets} target(s): {delivered} events delivered in {seconds:0.00} s = {delivered / seconds:0} events/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"receiver got {Interlocked.Read(ref received)} requests"));
        MeasureRules(options);
        receiver.Stop();
        if (!args.Contains("--no-chain"))
        {
            await ChainBenchmark.RunAsync(chainEvents, rules, CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    private static int Flag(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private static async Task<(double Seconds, int Delivered)> DeliverAsync(HttpTargetInvoker invoker, EventDeliveryOptions options, int port, int count, int targets)
    {
        using var stopping = new CancellationTokenSource();
        var dispatcher = new EventDispatcher([invoker], options, TimeProvider.System);
        dispatcher.Start(stopping.Token);
        var rule = Rule(0, port, targets, options);
        var builder = new EcsEventBuilder(EcsEventSettings.Default);
        var done = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expected = count * targets;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var @event = builder.BuildTaskStateChange(Change(i));
            dispatcher.Enqueue(rule, new EventDelivery(@event, @event.Time, (_, delivered) =>
            {
                if (Interlocked.Increment(ref done) == expected)
                {
                    all.SetResult();
                }
            }));
        }

        await all.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        stopwatch.Stop();
        await stopping.CancelAsync().ConfigureAwait(false);
        var delivered = (int)dispatcher.StateOf(rule.Uid).TargetStatuses(rule.Targets.Select(t => t.Id)).Sum(t => t.Delivered ?? 0);
        return (stopwatch.Elapsed.TotalSeconds, delivered);
    }

    private static void MeasureRules(EventDeliveryOptions options)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var registry = new EventRuleRegistry();
        var dispatcher = new EventDispatcher([], options, TimeProvider.System);
        for (var i = 0; i < 1_000; i++)
        {
            var rule = Rule(i, 9, 2, options);
            registry.Set(rule);
            var state = dispatcher.StateOf(rule.Uid);
            state.Seed(new EcsEventRuleStatus { Targets = [.. rule.Targets.Select(t => new EventRuleTargetStatus { Id = t.Id, Matched = 10, Delivered = 10 })] });
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: 1,000 rules (2 targets each) compiled, indexed and counted: {(after - before) / 1024.0 / 1024.0:0.00} MiB managed ({(after - before) / 1000.0 / 1024.0:0.0} KiB per rule); process working set {Environment.WorkingSet / 1024.0 / 1024.0:0} MiB"));
        GC.KeepAlive(registry);
        GC.KeepAlive(dispatcher);
    }

    private static CompiledRule Rule(int i, int port, int targets, EventDeliveryOptions options)
    {
        var rule = new EcsEventRule
        {
            Metadata = new V1ObjectMeta { Name = $"rule-{i}", NamespaceProperty = $"ns-{i % 50}", Uid = Guid.NewGuid().ToString(), Generation = 1, CreationTimestamp = DateTime.UnixEpoch },
            Spec = new EcsEventRuleSpec
            {
                EventPattern = new FreeFormJson(JsonNode.Parse("""
                    {"source":["aws.ecs"],"detail-type":["ECS Task State Change"],
                     "detail":{"lastStatus":["STOPPED"],"group":[{"prefix":"family:app-INDEX"}],"containers":{"exitCode":[{"anything-but":0}]}}}
                    """.Replace("INDEX", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))),
                Targets = [.. Enumerable.Range(0, targets).Select(t => new EventRuleTarget { Id = $"t{t}", Http = new HttpTarget { Url = $"http://127.0.0.1:{port}/" } })],
            },
        };
        return EventRuleCompiler.Compile(rule, options).Rule ?? throw new InvalidOperationException("the benchmark's rule is invalid");
    }

    private static TaskStateChange Change(int i) => new()
    {
        Cluster = "default",
        TaskUid = Guid.NewGuid().ToString(),
        TaskDefinitionFamily = "app",
        TaskDefinitionRevision = 1,
        LastStatus = TaskState.Stopped,
        DesiredStatus = TaskState.Stopped,
        StopCode = TaskStopCode.EssentialContainerExited,
        Containers = [new ContainerStateChange { Name = "app", LastStatus = TaskState.Stopped, ExitCode = i % 3 }],
        CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        UpdatedAt = DateTimeOffset.UtcNow,
        Version = 8,
    };
}
