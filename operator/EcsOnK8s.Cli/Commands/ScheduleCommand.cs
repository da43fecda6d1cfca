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

    public const string Usage = """
        usage: ecsonk8s schedule next EXPRESSION [options]

        Prints the next fire times of EXPRESSION strictly after --after, one per line, ISO 8601 with the offset of
        the time zone (e.g. 2026-03-29T03:00:00+02:00); nothing when no fire time remains.

        EXPRESSION is cron(min hour day-of-month month day-of-week year), rate(n minutes|hours|days) or
        at(yyyy-mm-ddThh:mm:ss), as EventBridge Scheduler takes it (quote it for the shell).

        options:
          --timezone TZ              IANA time zone of cron() and at() and of the printed offsets (default UTC)
          --after INSTANT            list fire times strictly after this ISO 8601 instant (default: now, to the second)
          --start-date INSTANT       no fire time before it; rate() counts from it (else from --after)
          --end-date INSTANT         no fire time after it
          --count N                  how many fire times (default 10)

        An INSTANT without an offset is UTC (2026-03-29T00:00:00 = 2026-03-29T00:00:00Z).

        """;

    /// <summary>Runs <c>schedule ARGS</c>; <paramref name="time"/> gives "now" when --after is not given.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(time);
        if (CommandLine.AskedForHelp(args, Usage, stdout))
        {
            return Program.ExitOk;
        }

        if (CommandLine.AfterSubcommand(args, "schedule", "next", Usage, stderr) is not { } rest)
        {
            return Program.ExitUsage;
        }

        var (options, usageError) = Parse(rest);
        if (options is null)
        {
            return CommandLine.UsageError("schedule next", usageError, Usage, stderr);
        }

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

    /// <summary>Parses the arguments after <c>next</c>: the options, or null and the reason.</summary>
    public static (ScheduleOptions? Options, string Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? expression = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] flags = ["--timezone", "--after", "--start-date", "--end-date", "--count"];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (flags.Contains(arg))
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
            else if (expression is null)
            {
                expression = arg;
            }
            else
            {
                return (null, $"unexpected argument '{arg}' (one expression; quote it for the shell)");
            }
        }

        if (expression is null)
        {
            return (null, "an EXPRESSION is required, e.g. 'cron(0 9 ? * MON-FRI *)'");
        }

        var count = DefaultCount;
        if (values.TryGetValue("--count", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxCount))
        {
            return (null, $"--count must be a whole number from 1 to {MaxCount}, not '{text}'");
        }

        return (new ScheduleOptions
        {
            Expression = expression,
            TimeZone = values.GetValueOrDefault("--timezone"),
            After = values.GetValueOrDefault("--after"),
            StartDate = values.GetValueOrDefault("--start-date"),
            EndDate = values.GetValueOrDefault("--end-date"),
            Count = count,
        }, string.Empty);
    }
}
