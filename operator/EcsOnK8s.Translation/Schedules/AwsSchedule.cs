using System.Globalization;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads;
using Quartz;

namespace EcsOnK8s.Translation.Schedules;

/// <summary>
/// The fire times of an AWS schedule expression (EventBridge Scheduler, Application Auto Scaling), shared by the
/// operator and the CLI:
/// <list type="bullet">
/// <item><c>cron(min hour dom month dow year)</c> in an IANA time zone. Quartz.NET's <see cref="CronExpression"/>
/// speaks the same dialect (day-of-week 1 = Sunday, <c>?</c>, <c>L</c>, <c>W</c>, <c>#</c>, a year field), but it is
/// run in UTC over local wall-clock times, and the mapping back to instants applies EventBridge Scheduler's daylight
/// saving rules: a local time that does not exist is skipped, a local time that occurs twice fires once, at its first
/// occurrence.</item>
/// <item><c>rate(n unit)</c>: the start date (else the anchor the caller gives, e.g. the creation time) and every n
/// units after it, in absolute time (days are 24 hours, whatever the clocks do).</item>
/// <item><c>at(yyyy-mm-ddThh:mm:ss)</c>: that local time, once.</item>
/// </list>
/// Every fire time lies within [start date, end date].
/// </summary>
public sealed class AwsSchedule
{
    // A fire time is a whole minute; a search that finds no fire time in this many candidates has none left.
    private const int MaxCandidates = 100_000;

    private readonly CronExpression? _cron;
    private readonly TimeSpan _period;
    private readonly DateTimeOffset _rateAnchor;
    private readonly DateTime _atLocal;

    private AwsSchedule(
        string expression, ScheduleKind kind, TimeZoneInfo zone, DateTimeOffset? start, DateTimeOffset? end, CronExpression? cron, TimeSpan period, DateTimeOffset rateAnchor, DateTime atLocal)
    {
        Expression = expression;
        Kind = kind;
        TimeZone = zone;
        StartDate = start;
        EndDate = end;
        _cron = cron;
        _period = period;
        _rateAnchor = rateAnchor;
        _atLocal = atLocal;
    }

    /// <summary>The expression as given, trimmed.</summary>
    public string Expression { get; }

    public ScheduleKind Kind { get; }

    /// <summary>The zone of cron() and at() times and of the offsets of the fire times returned.</summary>
    public TimeZoneInfo TimeZone { get; }

    public DateTimeOffset? StartDate { get; }

    public DateTimeOffset? EndDate { get; }

    /// <summary>
    /// Validates and parses a schedule. <paramref name="rateAnchor"/> is where <c>rate()</c> counts from when there is
    /// no start date (the operator gives the object's creation time, the CLI its <c>--after</c>); without either,
    /// rates count from 1970-01-01T00:00:00Z. Dates are ISO 8601; without an offset they are UTC.
    /// </summary>
    public static AwsScheduleResult Parse(
        string? expression, string? timeZone = null, string? startDate = null, string? endDate = null, DateTimeOffset? rateAnchor = null)
    {
        var zone = TimeZoneInfo.Utc;
        if (timeZone is not null && !TryFindZone(timeZone, out zone))
        {
            return Refused(ScheduleField.TimeZone, $"'{timeZone}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)");
        }

        DateTimeOffset? start = null;
        if (startDate is not null)
        {
            if (ParseInstant(startDate) is not { } parsed)
            {
                return Refused(ScheduleField.StartDate, $"'{startDate}' is not an ISO 8601 date and time (e.g. 2026-01-01T00:00:00Z)");
            }

            start = parsed;
        }

        DateTimeOffset? end = null;
        if (endDate is not null)
        {
            if (ParseInstant(endDate) is not { } parsed)
            {
                return Refused(ScheduleField.EndDate, $"'{endDate}' is not an ISO 8601 date and time (e.g. 2026-12-31T23:59:59Z)");
            }

            if (start is not null && parsed < start)
            {
                return Refused(ScheduleField.EndDate, $"'{endDate}' is before the start date '{startDate}'");
            }

            end = parsed;
        }

        var text = expression?.Trim() ?? string.Empty;
        var translation = AwsScheduleExpression.Translate(text);
        if (translation.Disposition == Disposition.Rejected)
        {
            return Refused(ScheduleField.Expression, translation.Reason);
        }

        CronExpression? cron = null;
        if (translation.Kind == ScheduleKind.Cron)
        {
            try
            {
                // Quartz's first field is seconds; AWS fires on the minute. UTC: Quartz walks wall-clock times only.
                cron = new CronExpression("0 " + text[5..^1].Trim(), TimeZoneInfo.Utc);
            }
            catch (FormatException e)
            {
                return Refused(ScheduleField.Expression, $"{text}: {e.Message}");
            }
        }

        var schedule = new AwsSchedule(
            text,
            translation.Kind,
            zone,
            start,
            end,
            cron,
            translation.Period ?? TimeSpan.Zero,
            start ?? rateAnchor ?? DateTimeOffset.UnixEpoch,
            translation.At ?? default);
        return new AwsScheduleResult(schedule, null);
    }

    /// <summary>An ISO 8601 instant; UTC when it has no offset. Null when the text is not one.</summary>
    public static DateTimeOffset? ParseInstant(string text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    /// <summary>The first fire time strictly after <paramref name="instant"/>, or null when none remain.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        // The earliest allowed fire time is the start date itself.
        var after = StartDate is { } start && start.AddTicks(-1) > instant ? start.AddTicks(-1) : instant;
        var next = Kind switch
        {
            ScheduleKind.Rate => NextRate(after),
            ScheduleKind.At => ToInstant(_atLocal) is { } at && at > after ? at : null,
            _ => NextCron(after),
        };
        return next is { } fire && (EndDate is null || fire <= EndDate) ? fire : null;
    }

    /// <summary>The latest fire time at or before <paramref name="instant"/>, or null when there is none.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset instant)
    {
        var until = EndDate is { } end && end < instant ? end : instant;
        var floor = (StartDate ?? DateTimeOffset.UnixEpoch).AddTicks(-1);
        if (until <= floor)
        {
            return null;
        }

        if (Kind == ScheduleKind.Rate)
        {
            if (until < _rateAnchor)
            {
                return null;
            }

            var fire = _rateAnchor + (_period * ((until - _rateAnchor).Ticks / _period.Ticks));
            return fire > floor ? TimeZoneInfo.ConvertTime(fire, TimeZone) : null;
        }

        // NextAfter is monotonic, so the latest fire time is NextAfter of the last instant from which the next fire
        // time is still at or before the bound: widen a window back from the bound until it holds a fire time, then
        // halve it down to a second. About 60 evaluations, whatever the gap between fire times.
        bool FiresBy(DateTimeOffset from) => NextAfter(from) is { } next && next <= until;
        var width = TimeSpan.FromMinutes(1);
        var low = until - width;
        while (!FiresBy(low))
        {
            if (low <= floor)
            {
                return null;
            }

            width *= 2;
            low = until - width > floor ? until - width : floor;
        }

        var high = until;
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = low + ((high - low) / 2);
            if (FiresBy(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return NextAfter(low);
    }

    private DateTimeOffset? NextRate(DateTimeOffset after)
    {
        var fire = after < _rateAnchor
            ? _rateAnchor
            : _rateAnchor + (_period * (((after - _rateAnchor).Ticks / _period.Ticks) + 1));
        return TimeZoneInfo.ConvertTime(fire, TimeZone);
    }

    private DateTimeOffset? NextCron(DateTimeOffset after)
    {
        // Local times before the wall-clock time of `after` map to earlier instants (the mapping keeps order), so the
        // search starts there; candidates that map to instants not after it (the repeated hour) are passed over.
        var wall = TimeZoneInfo.ConvertTime(after, TimeZone).DateTime;
        for (var i = 0; i < MaxCandidates; i++)
        {
            if (_cron!.GetNextValidTimeAfter(new DateTimeOffset(wall, TimeSpan.Zero)) is not { } candidate)
            {
                return null;
            }

            wall = candidate.DateTime;
            if (ToInstant(wall) is { } fire && fire > after)
            {
                return fire;
            }
        }

        return null;
    }

    /// <summary>A local wall-clock time as an instant: none in a spring-forward gap, the first of a repeated time.</summary>
    private DateTimeOffset? ToInstant(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        var trimmed = id.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(trimmed);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static AwsScheduleResult Refused(ScheduleField field, string reason) => new(null, new ScheduleError(field, reason));
}
