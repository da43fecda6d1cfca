using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Translates AWS schedule expressions (EventBridge Scheduler and Application Auto Scaling:
/// <c>cron(minutes hours day-of-month month day-of-week year)</c>, <c>rate(value unit)</c>, <c>at(...)</c>) to
/// the five-field cron of Kubernetes CronJobs. AWS day-of-week runs 1 (Sunday) to 7 (Saturday), Kubernetes 0 to 6;
/// names (SUN-SAT, JAN-DEC) mean the same in both. <c>?</c> becomes <c>*</c>. <c>L</c>, <c>W</c> and <c>#</c>
/// have no cron equivalent (<see cref="ScheduleTranslation.OperatorTimed"/>), and a year restriction is dropped
/// (<see cref="ScheduleTranslation.Years"/>): whoever renders decides what to do with such schedules.
/// </summary>
public static partial class AwsScheduleExpression
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static ScheduleTranslation Translate(string? expression)
    {
        var text = expression?.Trim() ?? string.Empty;
        if (text.StartsWith("cron(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return TranslateCron(text[5..^1]);
        }

        if (text.StartsWith("rate(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return TranslateRate(text[5..^1].Trim());
        }

        if (text.StartsWith("at(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return TranslateAt(text[3..^1].Trim());
        }

        return Invalid(ScheduleKind.Cron, $"'{text}' is not a cron(...), rate(...) or at(...) expression");
    }

    private static ScheduleTranslation TranslateAt(string body)
    {
        if (!AtPattern().IsMatch(body)
            || !DateTime.TryParseExact(body, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return Invalid(ScheduleKind.At, $"at({body}) is not at(yyyy-mm-ddThh:mm:ss)");
        }

        return new ScheduleTranslation
        {
            Kind = ScheduleKind.At,
            Disposition = Disposition.Approximated,
            Reason = $"one-time schedule at {body}: Kubernetes cron has no single run",
            OperatorTimed = true,
            At = at,
        };
    }

    private static ScheduleTranslation TranslateRate(string body)
    {
        var match = RatePattern().Match(body);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return Invalid(ScheduleKind.Rate, $"rate({body}) is not rate(value minute|minutes|hour|hours|day|days) with a positive value");
        }

        var unit = match.Groups[2].Value;
        var period = unit.StartsWith("minute", StringComparison.Ordinal) ? TimeSpan.FromMinutes(n)
            : unit.StartsWith("hour", StringComparison.Ordinal) ? TimeSpan.FromHours(n)
            : TimeSpan.FromDays(n);
        return RateCron(n, unit, body) with { Period = period };
    }

    private static ScheduleTranslation RateCron(int n, string unit, string body)
    {
        const string phase = "; AWS counts from when the schedule was created, the CronJob from the start of the hour or day";
        if (unit.StartsWith("minute", StringComparison.Ordinal))
        {
            if (n % 60 == 0)
            {
                return Hours(n / 60, body, phase);
            }

            return 60 % n == 0
                ? Rate(n == 1 ? "* * * * *" : $"*/{n} * * * *", Disposition.Mapped, $"every {n} minute(s){phase}")
                : Rate($"*/{n} * * * *", Disposition.Approximated, $"{n} does not divide an hour: the CronJob restarts its count at every hour, so the last interval of each hour is {60 % n} minute(s)");
        }

        return unit.StartsWith("hour", StringComparison.Ordinal) ? Hours(n, body, phase) : EveryDays(n, phase);
    }

    private static ScheduleTranslation Hours(int n, string body, string phase)
    {
        if (n % 24 == 0)
        {
            return EveryDays(n / 24, phase);
        }

        return 24 % n == 0
            ? Rate(n == 1 ? "0 * * * *" : $"0 */{n} * * *", Disposition.Mapped, $"every {n} hour(s){phase}")
            : Rate($"0 */{n} * * *", Disposition.Approximated, $"rate({body}): {n} does not divide a day: the CronJob restarts its count at midnight, so the last interval of each day is {24 % n} hour(s)");
    }

    private static ScheduleTranslation EveryDays(int n, string phase) => n == 1
        ? Rate("0 0 * * *", Disposition.Mapped, $"every day{phase}")
        : Rate($"0 0 */{n} * *", Disposition.Approximated, $"every {n} days: the CronJob restarts its count on the 1st of every month");

    private static ScheduleTranslation Rate(string cron, Disposition disposition, string reason) => new()
    {
        Kind = ScheduleKind.Rate,
        CronSchedule = cron,
        Disposition = disposition,
        Reason = reason,
    };

    private static ScheduleTranslation TranslateCron(string body)
    {
        var fields = body.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 6)
        {
            return Invalid(ScheduleKind.Cron, $"cron({body}) has {fields.Length} fields; AWS cron has six: minutes hours day-of-month month day-of-week year");
        }

        var (dom, dow) = (fields[2], fields[4]);
        if ((dom == "?") == (dow == "?"))
        {
            return Invalid(ScheduleKind.Cron, $"cron({body}): exactly one of day-of-month and day-of-week must be '?'");
        }

        var special = new List<string>();
        var errors = new List<string>();
        var minutes = Field(fields[0], "minutes", 0, 59, null, offset: 0, allowQuestion: false, errors, special);
        var hours = Field(fields[1], "hours", 0, 23, null, offset: 0, allowQuestion: false, errors, special);
        var days = Field(dom, "day-of-month", 1, 31, null, offset: 0, allowQuestion: true, errors, special, allowLw: true);
        var months = Field(fields[3], "month", 1, 12, Months, offset: 0, allowQuestion: false, errors, special);
        var weekdays = Field(dow, "day-of-week", 1, 7, DayNames, offset: -1, allowQuestion: true, errors, special, allowLHash: true);
        var years = fields[5] == "*" ? null : fields[5];
        if (years is not null)
        {
            Field(years, "year", 1970, 2199, null, offset: 0, allowQuestion: false, errors, special);
        }

        if (errors.Count > 0)
        {
            return Invalid(ScheduleKind.Cron, $"cron({body}): {string.Join("; ", errors)}");
        }

        if (special.Count > 0)
        {
            return new ScheduleTranslation
            {
                Kind = ScheduleKind.Cron,
                Disposition = Disposition.Approximated,
                Reason = $"cron({body}): {string.Join(", ", special)} cannot be written in Kubernetes cron",
                OperatorTimed = true,
                Years = years,
            };
        }

        var cron = $"{minutes} {hours} {days} {months} {weekdays}";
        return new ScheduleTranslation
        {
            Kind = ScheduleKind.Cron,
            CronSchedule = cron,
            Disposition = years is null ? Disposition.Mapped : Disposition.Approximated,
            Reason = years is null
                ? $"cron({body}) -> '{cron}'"
                : $"cron({body}) -> '{cron}': Kubernetes cron has no year field: it runs every year, not only in {years}",
            Years = years,
        };
    }

    /// <summary>Validates one AWS cron field and writes its Kubernetes form (numbers shifted by offset).</summary>
    private static string Field(
        string field,
        string name,
        int min,
        int max,
        string[]? names,
        int offset,
        bool allowQuestion,
        List<string> errors,
        List<string> special,
        bool allowLw = false,
        bool allowLHash = false)
    {
        if (field is "*" || (allowQuestion && field is "?"))
        {
            return "*";
        }

        var output = new StringBuilder();
        foreach (var item in field.Split(','))
        {
            if (output.Length > 0)
            {
                output.Append(',');
            }

            if (allowLw && (item is "L" or "LW" || item.EndsWith('W')))
            {
                var day = item.TrimEnd('W');
                if (day is not ("L" or "") && !(int.TryParse(day, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max))
                {
                    errors.Add($"{name} '{item}' is not a valid L or W expression");
                }

                special.Add($"{name} '{item}' (last day / nearest weekday)");
                continue;
            }

            if (allowLHash && (item.EndsWith('L') || item.Contains('#', StringComparison.Ordinal)))
            {
                if (item.Contains('#', StringComparison.Ordinal) && field.Contains(',', StringComparison.Ordinal))
                {
                    errors.Add($"{name} '{field}': '#' allows only one expression in the field");
                }

                var parts = item.Split('#');
                var dayPart = parts[0].TrimEnd('L');
                if ((dayPart.Length > 0 && Value(dayPart, min, max, names) is null)
                    || (parts.Length == 2 && !(int.TryParse(parts[1], CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= 5))
                    || parts.Length > 2)
                {
                    errors.Add($"{name} '{item}' is not a valid L or # expression");
                }

                special.Add(item.Contains('#', StringComparison.Ordinal) ? $"{name} '{item}' (nth weekday of the month)" : $"{name} '{item}' (last weekday of the month)");
                continue;
            }

            var slash = item.Split('/');
            if (slash.Length > 2)
            {
                errors.Add($"{name} '{item}' has more than one '/'");
                continue;
            }

            string range;
            var rangeParts = slash[0].Split('-');
            if (slash[0] == "*")
            {
                range = "*";
            }
            else if (rangeParts.Length == 1)
            {
                var v = Value(rangeParts[0], min, max, names);
                if (v is null)
                {
                    errors.Add($"{name} '{rangeParts[0]}' is not between {min} and {max}");
                    continue;
                }

                range = slash.Length == 2
                    ? (v.Value == min ? "*" : $"{Write(rangeParts[0], v.Value, offset)}-{max + offset}")
                    : Write(rangeParts[0], v.Value, offset);
            }
            else if (rangeParts.Length == 2)
            {
                var (a, b) = (Value(rangeParts[0], min, max, names), Value(rangeParts[1], min, max, names));
                if (a is null || b is null)
                {
                    errors.Add($"{name} range '{slash[0]}' is not between {min} and {max}");
                    continue;
                }

                if (a > b)
                {
                    errors.Add($"{name} range '{slash[0]}' runs backwards");
                    continue;
                }

                range = $"{Write(rangeParts[0], a.Value, offset)}-{Write(rangeParts[1], b.Value, offset)}";
            }
            else
            {
                errors.Add($"{name} '{item}' is not a value, range or step");
                continue;
            }

            if (slash.Length == 2)
            {
                if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1 || step > max)
                {
                    errors.Add($"{name} step '{slash[1]}' is not between 1 and {max}");
                    continue;
                }

                output.Append(range).Append('/').Append(step.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                output.Append(range);
            }
        }

        return output.ToString();
    }

    private static int? Value(string text, int min, int max, string[]? names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n >= min && n <= max ? n : null;
        }

        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        return index < 0 ? null : min + index;
    }

    // Names mean the same in both dialects and are kept; numbers are shifted (AWS day-of-week 1 = Sunday = cron 0).
    private static string Write(string original, int value, int offset) =>
        int.TryParse(original, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? (value + offset).ToString(CultureInfo.InvariantCulture)
            : original.ToUpperInvariant();

    private static ScheduleTranslation Invalid(ScheduleKind kind, string reason) => new()
    {
        Kind = kind,
        Disposition = Disposition.Rejected,
        Reason = reason,
    };

    [GeneratedRegex(@"^(\d+)\s+(minute|minutes|hour|hours|day|days)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")]
    private static partial Regex AtPattern();
}
