using System.CommandLine;
using System.Globalization;
using EcsOnK8s.Translation.Schedules;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// <c>ecsonk8s schedule next</c>: the next fire times of an AWS schedule expression (EventBridge Scheduler's
/// "next 10 trigger dates"), through the same <see cref="AwsSchedule"/> the operator runs.
/// Exit codes: 0 printed (nothing when no fire time remains), 1 invalid expression, time zone or date (the field
/// and the reason on stderr), 2 usage error.
/// </summary>
public static class ScheduleCommand
{
    public const int DefaultCount = 10;
    public const int MaxCount = 100_000;

    public const string Description = """
        Prints the next fire times of EXPRESSION strictly after --after, one per line, ISO 8601 with the offset of the
        time zone (e.g. 2026-03-29T03:00:00+02:00); nothing when no fire time remains. An INSTANT without an offset is
        UTC. Exit codes: 0 printed, 1 invalid expression, time zone or date, 2 usage error.
        """;

    /// <summary>The <c>schedule</c> command (with its <c>next</c> subcommand); "now" comes from <paramref name="io"/>'s clock.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var expression = new Argument<string>("EXPRESSION")
        {
            Description = "cron(min hour day-of-month month day-of-week year), rate(n minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss), " +
                "as EventBridge Scheduler takes it (quote it for the shell)",
        };
        var timeZone = new Option<string>("--timezone") { Description = "IANA time zone of cron() and at() and of the printed offsets (default UTC)", HelpName = "TZ" };
        var after = new Option<string>("--after") { Description = "list fire times strictly after this ISO 8601 instant (default: now, to the second)", HelpName = "INSTANT" };
        var startDate = new Option<string>("--start-date") { Description = "no fire time before it; rate() counts from it (else from --after)", HelpName = "INSTANT" };
        var endDate = new Option<string>("--end-date") { Description = "no fire time after it", HelpName = "INSTANT" };
        var count = new Option<int>("--count")
        {
            Description = $"how many fire times, 1 to {MaxCount}",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultCount,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxCount)
                {
                    result.AddError($"--count must be a whole number from 1 to {MaxCount}, not '{text}'");
                }

                return n;
            },
        };
        var next = new Command("next", Description) { expression, timeZone, after, startDate, endDate, count };
        next.SetAction(result => Execute(
            new ScheduleOptions
            {
                Expression = result.GetValue(expression)!,
                TimeZone = result.GetValue(timeZone),
                After = result.GetValue(after),
                StartDate = result.GetValue(startDate),
                EndDate = result.GetValue(endDate),
                Count = result.GetValue(count),
            },
            io));
        return new Command("schedule", "Schedule previews: the next fire times of an AWS schedule expression, as the operator computes them.") { next };
    }

    /// <summary>Runs <c>schedule ARGS</c>; <paramref name="time"/> gives "now" when --after is not given.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CliRoot.Run(["schedule", .. args], new CliIo(TextReader.Null, stdout, stderr, time));
    }

    private static int Execute(ScheduleOptions options, CliIo io)
    {
        var stdout = io.Out;
        var stderr = io.Error;
        var time = io.Time;
        DateTimeOffset after;
        if (options.After is null)
        {
            var now = time.GetUtcNow();
            after = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        }
        else if (AwsSchedule.ParseInstant(options.After) is { } given)
        {
            after = given;
        }
        else
        {
            stderr.WriteLine($"ecsonk8s schedule next: invalid --after: '{options.After}' is not an ISO 8601 date and time (e.g. 2026-01-01T00:00:00Z)");
            return Program.ExitRejected;
        }

        var parsed = AwsSchedule.Parse(options.Expression, options.TimeZone, options.StartDate, options.EndDate, rateAnchor: after);
        if (parsed.Schedule is not { } schedule)
        {
            var error = parsed.Error!;
            stderr.WriteLine($"ecsonk8s schedule next: invalid {FieldName(error.Field)}: {error.Reason}");
            return Program.ExitRejected;
        }

        var instant = after;
        for (var i = 0; i < options.Count && schedule.NextAfter(instant) is { } fire; i++)
        {
            stdout.WriteLine(Format(fire));
            instant = fire;
        }

        return Program.ExitOk;
    }

    /// <summary>ISO 8601 with the offset; fractions of a second only when there are any (a rate counted from one).</summary>
    public static string Format(DateTimeOffset fire) =>
        fire.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>The flag (and the EventBridge Scheduler field) an error is about.</summary>
    public static string FieldName(ScheduleField field) => field switch
    {
        ScheduleField.TimeZone => "--timezone (scheduleExpressionTimezone)",
        ScheduleField.StartDate => "--start-date (startDate)",
        ScheduleField.EndDate => "--end-date (endDate)",
        _ => "EXPRESSION (scheduleExpression)",
    };
}
