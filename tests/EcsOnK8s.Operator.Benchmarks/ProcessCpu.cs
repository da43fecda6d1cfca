using System.Globalization;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>CPU time (user + system) of processes from /proc/PID/stat, to tell who was busy during a phase.</summary>
internal static class ProcessCpu
{
    // USER_HZ is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU used so far by <paramref name="pid"/>; 0 when it is gone.</summary>
    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) may hold spaces; the fields after it start behind its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (user + system) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The pids of the control plane's processes by name (<c>$DIR/pids</c>: "name pid" per line).</summary>
    public static IReadOnlyDictionary<string, int> ControlPlanePids(string directory)
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        var file = Path.Combine(directory, "pids");
        if (!File.Exists(file))
        {
            return pids;
        }

        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                pids[parts[0]] = pid;
            }
        }

        return pids;
    }
}
