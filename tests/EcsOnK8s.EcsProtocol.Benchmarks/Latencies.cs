using System.Diagnostics;
using System.Globalization;

namespace EcsOnK8s.EcsProtocol.Benchmarks;

/// <summary>Latencies of one kind of call: p50, p99 and requests per second over the wall time of the run.</summary>
internal sealed class Latencies(string name)
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _lock = new();

    public string Name => name;

    public TimeSpan Wall { get; set; }

    public async Task TimeAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_lock)
        {
            _milliseconds.Add(elapsed);
        }
    }

    public string Describe()
    {
        var sorted = _milliseconds.Order().ToList();
        double P(double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        var rate = Wall > TimeSpan.Zero ? sorted.Count / Wall.TotalSeconds : double.NaN;
        return string.Create(CultureInfo.InvariantCulture, $"{name,-58} n={sorted.Count,4}  p50={P(0.50),7:0.0} ms  p99={P(0.99),7:0.0} ms  {rate,7:0.0} req/s");
    }
}
