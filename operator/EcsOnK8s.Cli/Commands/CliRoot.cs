using System.CommandLine;
using System.CommandLine.Invocation;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// The <c>ecsonk8s</c> command tree (System.CommandLine): convert, schedule next, events test-pattern, crds and
/// completion, with <c>--help</c> on every command, <c>--version</c>, and the <c>[suggest]</c> directive that
/// shell completion calls. A usage error says the command and the reason on stderr and exits 2.
/// </summary>
public static class CliRoot
{
    public const string Name = "ecsonk8s";

    // "@FILE" is a value of events test-pattern, not a response file to expand.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Build(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var root = new RootCommand("Converts ECS task definitions and services to Kubernetes manifests or EcsOnK8s resources, " +
            "previews schedules, tests event patterns and writes the CRDs of the EcsOnK8s operator, offline.")
        {
            ConvertCommand.Create(io),
            ScheduleCommand.Create(io),
            EventsCommand.Create(io),
            CrdsCommand.Create(io),
            CompletionCommand.Create(io),
        };
        root.HelpName = Name;
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        return root;
    }

    /// <summary>Parses <paramref name="args"/> against a command (the whole tree, or one command on its own).</summary>
    public static ParseResult Parse(Command command, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        return command.Parse(args, Parsing);
    }

    /// <summary>Runs a command line; the exit code (0 done, 1 rejected input, 2 usage error).</summary>
    public static int Run(IReadOnlyList<string> args, CliIo io)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(io);
        // "ecsonk8s help [COMMAND...]" as git and kubectl take it.
        if (args.Count > 0 && args[0] == "help")
        {
            args = [.. args.Skip(1), "--help"];
        }

        var result = Parse(Build(io), args);
        if (result.Action is ParseErrorAction)
        {
            return UsageError(result, io.Error);
        }

        return result.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error });
    }

    /// <summary>Says each parse error after the command it is about, then that command's usage; exit code 2.</summary>
    public static int UsageError(ParseResult result, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stderr);
        var command = result.CommandResult.Command;
        var path = CommandPath(command);
        foreach (var error in result.Errors)
        {
            stderr.WriteLine($"{path}: {error.Message}");
        }

        var known = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)))
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Select(c => c.Name))
            .ToList();
        foreach (var token in result.UnmatchedTokens.Where(t => t.Length > 1 && (t[0] == '-' || command.Subcommands.Count > 0)).Distinct(StringComparer.Ordinal))
        {
            var word = token.Split('=', ':')[0];
            if (Aws.Suggestions.Closest(word, known) is { } closest && closest != word)
            {
                stderr.WriteLine($"{path}: '{word}': did you mean '{closest}'?");
            }
        }

        stderr.WriteLine($"usage: {Synopsis(command)}");
        stderr.WriteLine($"See '{path} --help'.");
        return Program.ExitUsage;
    }

    /// <summary>"ecsonk8s convert &lt;TASKDEF&gt; [options]": the command's path, its arguments, and what may follow.</summary>
    public static string Synopsis(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parts = new List<string> { CommandPath(command) };
        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"));
        if (command.Subcommands.Any(c => !c.Hidden))
        {
            parts.Add("<command>");
        }

        if (command.Options.Any(o => !o.Hidden && o.Name is not ("--help" or "--version")))
        {
            parts.Add("[options]");
        }

        return string.Join(' ', parts);
    }

    /// <summary>"ecsonk8s events test-pattern" for the test-pattern command.</summary>
    public static string CommandPath(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = symbol.Parents.FirstOrDefault())
        {
            names.Add(c is RootCommand ? Name : c.Name);
        }

        if (names[^1] != Name)
        {
            names.Add(Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
