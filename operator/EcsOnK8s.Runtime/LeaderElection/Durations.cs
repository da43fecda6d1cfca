using System.Globalization;

namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// Durations as people write them on a command line or in Helm values: <c>15s</c>, <c>500ms</c>, <c>2m</c>,
/// <c>1h30m</c>, a bare number of seconds, or a .NET TimeSpan (<c>00:00:15</c>).
/// </summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromSeconds(seconds, out value);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var unit = text[unitStart..i];
            var factor = unit switch
            {
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => double.NaN,
            };
            if (double.IsNaN(factor) || !TryFromSeconds(number * factor, out var part))
            {
                return false;
            }

            total += part;
        }

        value = total;
        return true;
    }

    /// <summary>The shortest form <see cref="TryParse"/> reads back: <c>15s</c>, <c>1500ms</c>, <c>2m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
        }

        var seconds = (long)value.TotalSeconds;
        return seconds != 0 && seconds % 3600 == 0 ? $"{seconds / 3600}h"
            : seconds != 0 && seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
