using System.CommandLine;
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
    public const string Description = """
        Prints true when the event matches the EventBridge event pattern, else false (exit 0 either way), like
        `aws events test-event-pattern`. Each value is JSON text (quote it for the shell) or @FILE to read it from
        FILE (@- reads standard input). An invalid pattern is refused (exit 1) with the JSON path in the pattern and
        the reason, e.g. invalid --event-pattern: $.detail.size[0].numeric: numeric range malformed: ...
        """;

    /// <summary>The <c>events</c> command (with its <c>test-pattern</c> subcommand); <c>@-</c> reads <paramref name="io"/>'s input.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var eventPattern = new Option<string>("--event-pattern") { Description = "the EventBridge event pattern: JSON, or @FILE", HelpName = "JSON|@FILE", Required = true };
        var @event = new Option<string>("--event") { Description = "the event: JSON, or @FILE", HelpName = "JSON|@FILE", Required = true };
        var testPattern = new Command("test-pattern", Description) { eventPattern, @event };
        testPattern.Validators.Add(result =>
        {
            if (result.GetValue(eventPattern) == "@-" && result.GetValue(@event) == "@-")
            {
                result.AddError("only one of --event-pattern and --event can read standard input (@-)");
            }
        });
        testPattern.SetAction(result => Execute(
            new TestPatternOptions { EventPattern = result.GetValue(eventPattern)!, Event = result.GetValue(@event)! },
            io));
        return new Command("events", "EventBridge event patterns, matched as the operator's event rules match them.") { testPattern };
    }

    /// <summary>Runs <c>events ARGS</c>; <paramref name="stdin"/> is read for a value of <c>@-</c>.</summary>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CliRoot.Run(["events", .. args], new CliIo(stdin, stdout, stderr, TimeProvider.System));
    }

    private static int Execute(TestPatternOptions options, CliIo io)
    {
        var stdin = io.In;
        var stdout = io.Out;
        var stderr = io.Error;
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
