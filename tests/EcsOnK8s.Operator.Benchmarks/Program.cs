using System.Runtime.InteropServices;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// <c>make bench-operator</c>: the operator at scale against a local API server; with <c>--schedules N</c>
/// (<c>make bench-schedules</c>) the timing of operator-timed schedules. See docs/benchmarks.md.
/// Exit codes: 0 done (3 with --strict when a target is missed), 1 the run failed, 2 bad flags.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        // Stop early but through the finally blocks, so that the operator and the control plane go too.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }

        try
        {
            if (options.Schedules > 0)
            {
                var schedules = await new ScheduleBenchmark(options, Console.Out).RunAsync(cancellation.Token).ConfigureAwait(false);
                schedules.Print(Console.Out);
                return options.Strict && !schedules.AllMet ? 3 : 0;
            }

            if (options.Living)
            {
                var living = await new LivingBenchmark(options, Console.Out).RunAsync(cancellation.Token).ConfigureAwait(false);
                living.Print(Console.Out);
                return options.Strict && !living.AllMet ? 3 : 0;
            }

            var result = await new OperatorBenchmark(options, Console.Out).RunAsync(cancellation.Token).ConfigureAwait(false);
            result.Print(Console.Out, options.Rest, options.AfterRestart);
            return options.Strict && !result.AllMet ? 3 : 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"benchmark failed: {e}");
            return 1;
        }
    }
}
