using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsOnK8s.Testing.Common;

/// <summary>
/// One scrape of the operator's /metrics (Prometheus text format): samples by name and labels. Differences of two
/// snapshots give what happened between them.
/// </summary>
public sealed partial class MetricsSnapshot
{
    /// <summary>The runtime's counter of Kubernetes API requests (RuntimeMetrics), labels verb and code.</summary>
    public const string ApiRequests = "ecsonk8s_api_requests_total";

    private readonly Dictionary<string, List<Sample>> _samples;

    private MetricsSnapshot(Dictionary<string, List<Sample>> samples) => _samples = samples;

    public static MetricsSnapshot Empty { get; } = new([]);

    public static MetricsSnapshot Parse(string text)
    {
        var samples = new Dictionary<string, List<Sample>>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["name"].Value] = label.Groups["value"].Value;
            }

            var name = match.Groups["name"].Value;
            if (!samples.TryGetValue(name, out var list))
            {
                samples[name] = list = [];
            }

            list.Add(new Sample(labels, value));
        }

        return new MetricsSnapshot(samples);
    }

    public IReadOnlyList<Sample> Samples(string name) => _samples.TryGetValue(name, out var list) ? list : [];

    /// <summary>POST, PUT, PATCH and DELETE requests counted, every status code.</summary>
    public double MutatingRequests() => Samples(ApiRequests).Where(s => IsMutating(s.Label("verb"))).Sum(s => s.Value);

    public static bool IsMutating(string verb) => verb is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>Sum of the samples of <paramref name="name"/>, grouped by the values of <paramref name="labels"/>.</summary>
    public IReadOnlyDictionary<string, double> SumBy(string name, params string[] labels) =>
        Samples(name)
            .GroupBy(s => string.Join(' ', labels.Select(l => s.Label(l))), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);

    /// <summary>What <paramref name="name"/> grew by since <paramref name="before"/>, grouped by <paramref name="labels"/>; zeros left out.</summary>
    public IReadOnlyDictionary<string, double> Delta(MetricsSnapshot before, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(before);
        var then = before.SumBy(name, labels);
        return SumBy(name, labels)
            .Select(kv => (kv.Key, Value: kv.Value - then.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Value != 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The <paramref name="q"/> quantile of histogram <paramref name="name"/> (its <c>_bucket</c> series) over what was
    /// observed since <paramref name="before"/>, in the series whose <paramref name="label"/> is
    /// <paramref name="value"/> (every series when null), interpolated linearly inside the bucket as Prometheus's
    /// histogram_quantile does. NaN when nothing was observed, +∞ when the quantile lies above the top bucket.
    /// </summary>
    public double Quantile(MetricsSnapshot before, string name, double q, string? label = null, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        SortedDictionary<double, double> Buckets(MetricsSnapshot snapshot)
        {
            var buckets = new SortedDictionary<double, double>();
            foreach (var sample in snapshot.Samples(name + "_bucket").Where(x => label is null || x.Label(label) == value))
            {
                var le = sample.Label("le") is "+Inf" ? double.PositiveInfinity : double.Parse(sample.Label("le"), CultureInfo.InvariantCulture);
                buckets[le] = buckets.GetValueOrDefault(le) + sample.Value;
            }

            return buckets;
        }

        var then = Buckets(before);
        var counts = Buckets(this).Select(kv => (Le: kv.Key, Count: kv.Value - then.GetValueOrDefault(kv.Key))).ToList();
        var total = counts.Count == 0 ? 0 : counts[^1].Count;
        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        var lower = 0.0;
        var below = 0.0;
        foreach (var (le, count) in counts)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(le))
                {
                    // Above the top bucket: only "more than" is known.
                    return double.PositiveInfinity;
                }

                var inBucket = count - below;
                return inBucket <= 0 ? le : lower + ((le - lower) * (rank - below) / inBucket);
            }

            lower = le;
            below = count;
        }

        return lower;
    }

    /// <summary>The sum of the samples of <paramref name="name"/>.</summary>
    public double Sum(string name) => Samples(name).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();

    public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;
    }
}
