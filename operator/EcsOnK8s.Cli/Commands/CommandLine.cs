namespace EcsOnK8s.Cli.Commands;

/// <summary>The front every command shares: help, its subcommand, and usage errors said the same way.</summary>
internal static class CommandLine
{
    /// <summary>True when <paramref name="args"/> ask for help; the usage went to <paramref name="stdout"/>.</summary>
    public static bool AskedForHelp(IReadOnlyList<string> args, string usage, TextWriter stdout)
    {
        if (!args.Any(a => a is "-h" or "--help"))
        {
            return false;
        }

        stdout.Write(usage);
        return true;
    }

    /// <summary>
    /// The arguments after <paramref name="subcommand"/>; null when <paramref name="args"/> do not start with it (said
    /// on <paramref name="stderr"/>, with the usage).
    /// </summary>
    public static IReadOnlyList<string>? AfterSubcommand(IReadOnlyList<string> args, string command, string subcommand, string usage, TextWriter stderr)
    {
        if (args.Count > 0 && args[0] == subcommand)
        {
            return args.Skip(1).ToList();
        }

        stderr.WriteLine(args.Count == 0
            ? $"ecsonk8s {command}: a subcommand is required ({subcommand})"
            : $"ecsonk8s {command}: unknown subcommand '{args[0]}' ({subcommand})");
        stderr.Write(usage);
        return null;
    }

    /// <summary>Says a usage error of <paramref name="command"/>, then the usage; the exit code for it.</summary>
    public static int UsageError(string command, string error, string usage, TextWriter stderr)
    {
        stderr.WriteLine($"ecsonk8s {command}: {error}");
        stderr.Write(usage);
        return Program.ExitUsage;
    }
}
