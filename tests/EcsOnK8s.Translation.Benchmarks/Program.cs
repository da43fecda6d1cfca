using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace EcsOnK8s.Translation.Benchmarks;

public static class Program
{
    /// <summary>BenchmarkDotNet, or <c>measure [seconds]</c>: a plain loop on one thread that prints renders per second.</summary>
    public static void Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "measure")
        {
            Measure(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Measure(double seconds)
    {
        var b = new RenderBenchmarks();
        b.Setup();
        foreach (var (name, action) in new (string, Action)[] { ("typical", () => b.Typical()), ("corpus", () => b.Corpus()) })
        {
            for (var i = 0; i < 200; i++)
            {
                action();
            }

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
}
