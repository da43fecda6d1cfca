using System.Text.Json;
using EcsOnK8s.Events.Patterns;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// <c>ecsonk8s events test-pattern</c>: whether an event matches an EventBridge event pattern, answered as
/// <c>aws events test-event-pattern</c> does, through the same <see cref="EventPattern"/> the operator's rules use.
/// Exit codes: 0 printed <c>true</c> or <c>false</c>, 1 an invalid pattern or event (the JSON path and the reason on
/// stderr) or a file that cannot be read, 2 usage error.
/// </summary>
public static class EventsCommand
{
    public const string Usage = """
        usage: ecsonk8s events test-pattern --event-pattern JSON|@FILE --event JSON|@FILE

        Prints true when the event matches the EventBridge event pattern, else false (exit 0 either way), like
        `aws events test-event-pattern`. Each value is JSON text (quote it for the shell) or @FILE to read it from
        FILE (@- reads standard input).

        An invalid pattern is refused with the JSON path in the pattern and the reason, e.g.
          invalid --event-pattern: $.detail.size[0].numeric: numeric range malformed: ...

        """;

    private static readonly string[] Flags = ["--event-pattern", "--event"];

    /// <summary>Runs <c>events ARGS</c>; <paramref name="stdin"/> is read for a value of <c>@-</c>.</summary>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (CommandLine.AskedForHelp(args, Usage, stdout))
        {
            return Program.ExitOk;
        }

        if (CommandLine.AfterSubcommand(args, "events", "test-pattern", Usage, stderr) is not { } rest)
        {
            return Program.ExitUsage;
        }

        var (options, usageError) = Parse(rest);
        if (options is null)
        {
            return CommandLine.UsageError("events test-pattern", usageError, Usage, stderr);
        }

        if (!TryRead(options.EventPattern, stdin, out var patternText, out var readError)
            || !TryRead(options.Event, stdin, out var eventText, out readError))
        {
            stderr.WriteLine($"ecsonk8s events test-pattern: {readError}");
            return Program.ExitRejected;
        }

        var parsed = EventPattern.Parse(patternText);
        if (parsed.Pattern is not { } pattern)
        {
            stderr.WriteLine($"ecsonk8s events test-pattern: invalid --event-pattern: {parsed.Error}");
            return Program.ExitRejected;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(eventText);
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"ecsonk8s events test-pattern: invalid --event: $: not valid JSON: {e.Message}");
            return Program.ExitRejected;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                stderr.WriteLine($"ecsonk8s events test-pattern: invalid --event: $: must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
                return Program.ExitRejected;
            }

            stdout.WriteLine(pattern.Matches(document) ? "true" : "false");
            return Program.ExitOk;
        }
    }

    /// <summary>Parses the arguments after <c>test-pattern</c>: the options, or null and the reason.</summary>
    public static (TestPatternOptions? Options, string Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Flags.Contains(arg))
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{arg} needs a value");
                }

                if (!values.TryAdd(arg, args[++i]))
                {
                    return (null, $"{arg} is given twice");
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return (null, $"unknown option '{arg}'");
            }
            else
            {
                return (null, $"unexpected argument '{arg}' (the pattern and the event go after --event-pattern and --event)");
            }
        }

        foreach (var flag in Flags)
        {
            if (!values.ContainsKey(flag))
            {
                return (null, $"{flag} is required");
            }
        }

        if (values["--event-pattern"] == "@-" && values["--event"] == "@-")
        {
            return (null, "only one of --event-pattern and --event can read standard input (@-)");
        }

        return (new TestPatternOptions { EventPattern = values["--event-pattern"], Event = values["--event"] }, string.Empty);
    }

    private static bool TryRead(string value, TextReader stdin, out string text, out string error)
    {
        error = string.Empty;
        if (!value.StartsWith('@'))
        {
            text = value;
            return true;
        }

        var path = value[1..];
        if (path == "-")
        {
            text = stdin.ReadToEnd();
            return true;
        }

        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            text = string.Empty;
            error = $"cannot read '{path}': {e.Message}";
            return false;
        }
    }
}
