using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using BenchmarkDotNet.Running;

namespace EcsOnK8s.Translation.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet, or <c>measure [seconds] [typical|corpus]</c>: a plain loop on one thread that prints renders
    /// per second (one case only when named, e.g. to run under a profiler).
    /// </summary>
    public static void Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "measure-events")
        {
            MeasureEvents(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3);
            return;
        }

        if (args.Length > 0 && args[0] == "measure")
        {
            Measure(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// Runs until tiered compilation has settled (no method compiled for half a second): the background JIT
    /// thread otherwise counts in the process CPU time for the first seconds, and 200 calls are far from enough.
    /// </summary>
    private static void WarmUp(Action action)
    {
        var total = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < 200 || (quiet.Elapsed.TotalSeconds < 0.5 && total.Elapsed.TotalSeconds < 30); i++)
        {
            action();
            if (JitInfo.GetCompiledMethodCount() != compiled)
            {
                compiled = JitInfo.GetCompiledMethodCount();
                quiet.Restart();
            }
        }
    }

    private static void Measure(double seconds, string? only)
    {
        var b = new RenderBenchmarks();
        b.Setup();
        foreach (var (name, action) in new (string, Action)[] { ("typical", () => b.Typical()), ("corpus", () => b.Corpus()) })
        {
            if (only is not null && only != name)
            {
                continue;
            }

            WarmUp(action);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            long n = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                action();
                n++;
            }

            // CPU time, not wall time: on a shared machine the wall clock counts other processes' turns.
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / n;
            var wall = watch.Elapsed.TotalMilliseconds * 1000 / n;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
            Console.WriteLine($"{name}: {n} ops, {cpu:F1} us CPU/op ({1_000_000 / cpu:F0} ops per CPU second), {wall:F1} us wall/op, {bytes / 1024.0:F1} KB allocated/op");
        }
    }

    /// <summary>
    /// <c>measure-events [seconds]</c>: the <see cref="EventPatternBenchmarks"/> cases as a plain loop on one thread,
    /// printing events per CPU second and bytes allocated per event.
    /// </summary>
    private static void MeasureEvents(double seconds)
    {
        var b = new EventPatternBenchmarks();
        b.Setup();
        var (matchedEvents, matches) = b.Coverage();
        Console.WriteLine($"1,000 rules: {matchedEvents} of {EventPatternBenchmarks.Batch} events match a rule, {matches} matches in all");
        var cases = new (string, Func<int>)[]
        {
            ("1 rule, parsed events", b.OneRuleMatch),
            ("1,000 rules, index, parsed events", b.IndexMatch),
            ("1,000 rules, index, parse + match", b.IndexParseAndMatch),
            ("1,000 rules, one by one, parsed events", b.EachRuleMatch),
        };
        foreach (var (name, action) in cases)
        {
            WarmUp(() => action());

            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            long batches = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                action();
                batches++;
            }

            var events = batches * EventPatternBenchmarks.Batch;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)events;
            Console.WriteLine($"{name}: {events / cpu:N0} events per CPU second ({cpu * 1e9 / events:F0} ns/event), {events / watch.Elapsed.TotalSeconds:N0} events/s wall, {bytes:F0} B allocated/event");
        }

        b.Cleanup();
    }
}
