using System.Globalization;
using EcsOnK8s.Translation.Schedules;
using EcsOnK8s.Translation.Workloads;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Schedules;

/// <summary>
/// The evaluator against AWS's documented examples and EventBridge Scheduler's daylight saving rules (a local time
/// that does not exist is skipped; one that occurs twice fires once, at its first occurrence).
/// </summary>
public class AwsScheduleTests
{
    [Theory]
    // Weekdays at 18:00: Friday 4 December 2026, then Monday.
    [InlineData("cron(0 18 ? * MON-FRI *)", null, "2026-12-04T17:00:00Z", "2026-12-04T18:00:00+00:00 2026-12-07T18:00:00+00:00")]
    [InlineData("cron(0 18 ? * MON-FRI *)", null, "2026-12-04T18:00:00Z", "2026-12-07T18:00:00+00:00 2026-12-08T18:00:00+00:00")]
    [InlineData("cron(0/15 * * * ? *)", null, "2026-12-07T10:07:00Z", "2026-12-07T10:15:00+00:00 2026-12-07T10:30:00+00:00 2026-12-07T10:45:00+00:00")]
    // Last Friday of the month (AWS day-of-week 6 = Friday).
    [InlineData("cron(0 10 ? * 6L *)", null, "2026-12-01T00:00:00Z", "2026-12-25T10:00:00+00:00 2027-01-29T10:00:00+00:00")]
    // Last day of the month, leap year included.
    [InlineData("cron(0 9 L * ? *)", null, "2028-01-31T10:00:00Z", "2028-02-29T09:00:00+00:00 2028-03-31T09:00:00+00:00")]
    // Weekday nearest the 15th: Saturday 15 August 2026 -> Friday 14th; Sunday 15 November -> Monday 16th.
    [InlineData("cron(0 12 15W * ? *)", null, "2026-08-01T00:00:00Z", "2026-08-14T12:00:00+00:00 2026-09-15T12:00:00+00:00")]
    [InlineData("cron(0 12 15W * ? *)", null, "2026-11-01T00:00:00Z", "2026-11-16T12:00:00+00:00")]
    // First Monday of the month (AWS 2 = Monday).
    [InlineData("cron(0 0 ? * 2#1 *)", null, "2026-12-01T00:00:00Z", "2026-12-07T00:00:00+00:00 2027-01-04T00:00:00+00:00")]
    // The year field: a range, then nothing left.
    [InlineData("cron(0 0 1 1 ? 2027-2028)", null, "2026-06-01T00:00:00Z", "2027-01-01T00:00:00+00:00 2028-01-01T00:00:00+00:00")]
    [InlineData("cron(0 9 1 1 ? 2026)", null, "2026-01-02T00:00:00Z", "")]
    // 29 February only in leap years; the 31st only in long months.
    [InlineData("cron(0 0 29 2 ? *)", null, "2026-03-01T00:00:00Z", "2028-02-29T00:00:00+00:00 2032-02-29T00:00:00+00:00")]
    [InlineData("cron(0 0 31 * ? *)", null, "2026-04-01T00:00:00Z", "2026-05-31T00:00:00+00:00 2026-07-31T00:00:00+00:00")]
    // Names and AWS day-of-week numbers (1 = Sunday).
    [InlineData("cron(30 6 ? JAN,JUL 1 *)", null, "2026-12-07T00:00:00Z", "2027-01-03T06:30:00+00:00 2027-01-10T06:30:00+00:00")]
    // In a zone: 09:00 in Berlin is 08:00Z in winter.
    [InlineData("cron(0 9 * * ? *)", "Europe/Berlin", "2026-12-07T00:00:00Z", "2026-12-07T09:00:00+01:00")]
    public void NextAfter_DocumentedExamples(string expression, string? zone, string after, string expected) =>
        Assert.Equal(expected, Next(expression, zone, after, Count(expected), null, null));

    [Theory]
    // America/New_York: 8 March 2026 02:00 EST -> 03:00 EDT; 1 November 2026 02:00 EDT -> 01:00 EST.
    [InlineData("cron(30 2 * * ? *)", "America/New_York", "2026-03-07T00:00:00Z", "2026-03-07T02:30:00-05:00 2026-03-09T02:30:00-04:00")]
    [InlineData("cron(30 1 * * ? *)", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T01:30:00-04:00 2026-11-02T01:30:00-05:00")]
    [InlineData("cron(0/30 * * * ? *)", "America/New_York", "2026-11-01T04:45:00Z", "2026-11-01T01:00:00-04:00 2026-11-01T01:30:00-04:00 2026-11-01T02:00:00-05:00")]
    // Europe/Berlin: 29 March 2026 02:00 CET -> 03:00 CEST; 25 October 2026 03:00 CEST -> 02:00 CET.
    [InlineData("cron(30 2 * * ? *)", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-30T02:30:00+02:00 2026-03-31T02:30:00+02:00")]
    [InlineData("cron(30 2 * * ? *)", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T02:30:00+02:00 2026-10-26T02:30:00+01:00")]
    // Australia/Sydney: 5 April 2026 03:00 AEDT -> 02:00 AEST; 4 October 2026 02:00 AEST -> 03:00 AEDT.
    [InlineData("cron(30 2 * * ? *)", "Australia/Sydney", "2026-04-04T12:00:00Z", "2026-04-05T02:30:00+11:00 2026-04-06T02:30:00+10:00")]
    [InlineData("cron(30 2 * * ? *)", "Australia/Sydney", "2026-10-02T12:00:00Z", "2026-10-03T02:30:00+10:00 2026-10-05T02:30:00+11:00")]
    // A rate counts absolute time from its start date: 24 hours across the change, so the local hour moves.
    [InlineData("rate(1 day)", "America/New_York", "2026-03-07T11:00:00Z", "2026-03-07T07:00:00-05:00 2026-03-08T08:00:00-04:00 2026-03-09T08:00:00-04:00")]
    // at() is local to its zone.
    [InlineData("at(2026-12-24T18:00:00)", "Europe/Berlin", "2026-12-01T00:00:00Z", "2026-12-24T18:00:00+01:00")]
    [InlineData("at(2026-12-24T18:00:00)", "Europe/Berlin", "2026-12-24T17:00:00Z", "")]
    // An at() in a spring-forward gap names a time that never happens.
    [InlineData("at(2026-03-29T02:30:00)", "Europe/Berlin", "2026-03-01T00:00:00Z", "")]
    public void NextAfter_DaylightSaving(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected, Next(expression, zone, after, Count(expected), expression.StartsWith("rate", StringComparison.Ordinal) ? "2026-03-07T12:00:00Z" : null, null));

    [Fact]
    public void Rate_StartsAtTheStartDate_ThenEveryPeriod()
    {
        Assert.Equal(
            "2026-12-07T10:20:00+00:00 2026-12-07T11:05:00+00:00 2026-12-07T11:50:00+00:00",
            Next("rate(45 minutes)", null, "2026-12-01T00:00:00Z", 3, "2026-12-07T10:20:00Z", null));
        Assert.Equal(
            "2026-12-07T11:05:00+00:00 2026-12-07T11:50:00+00:00",
            Next("rate(45 minutes)", null, "2026-12-07T10:20:00Z", 2, "2026-12-07T10:20:00Z", null));
    }

    [Fact]
    public void Rate_WithoutStartDate_CountsFromTheAnchor()
    {
        var anchor = DateTimeOffset.Parse("2026-12-07T10:03:17Z", CultureInfo.InvariantCulture);
        var schedule = Parsed("rate(5 minutes)", null, null, null, anchor);

        Assert.Equal(anchor.AddMinutes(10), schedule.NextAfter(anchor.AddMinutes(5)));
        Assert.Equal(anchor.AddMinutes(5), schedule.LatestAtOrBefore(anchor.AddMinutes(9)));
        Assert.Null(schedule.LatestAtOrBefore(anchor.AddSeconds(-1)));
    }

    [Fact]
    public void StartAndEndDates_BoundTheFireTimes()
    {
        Assert.Equal(
            "2026-12-07T10:01:00+00:00 2026-12-07T10:02:00+00:00",
            Next("cron(* * * * ? *)", null, "2026-12-07T09:00:00Z", 5, "2026-12-07T10:00:30Z", "2026-12-07T10:02:00Z"));
        Assert.Equal(
            "2026-12-07T10:00:00+00:00",
            Next("cron(* * * * ? *)", null, "2026-12-07T09:00:00Z", 1, "2026-12-07T10:00:00Z", null));
    }

    [Theory]
    [InlineData("cron(0 9 1 1 ? 2020)", null, "2026-12-07T00:00:00Z", "2020-01-01T09:00:00+00:00")]
    [InlineData("cron(0 18 ? * MON-FRI *)", null, "2026-12-06T12:00:00Z", "2026-12-04T18:00:00+00:00")]
    [InlineData("cron(0 18 ? * MON-FRI *)", null, "2026-12-07T18:00:00Z", "2026-12-07T18:00:00+00:00")]
    [InlineData("cron(* * * * ? *)", null, "2026-12-07T10:00:59Z", "2026-12-07T10:00:00+00:00")]
    [InlineData("cron(0 10 ? * 6L *)", null, "2026-12-07T00:00:00Z", "2026-11-27T10:00:00+00:00")]
    [InlineData("cron(30 1 * * ? *)", "America/New_York", "2026-11-01T07:00:00Z", "2026-11-01T01:30:00-04:00")]
    [InlineData("at(2026-12-24T18:00:00)", "Europe/Berlin", "2026-12-25T00:00:00Z", "2026-12-24T18:00:00+01:00")]
    [InlineData("at(2026-12-24T18:00:00)", "Europe/Berlin", "2026-12-24T16:59:59Z", "")]
    [InlineData("cron(0 9 1 1 ? 2099)", null, "2026-12-07T00:00:00Z", "")]
    public void LatestAtOrBefore_FindsTheLastFireTime(string expression, string? zone, string instant, string expected)
    {
        var latest = Parsed(expression, zone, null, null, null).LatestAtOrBefore(Instant(instant));

        Assert.Equal(expected, latest is { } l ? Format(l) : string.Empty);
    }

    [Fact]
    public void LatestAtOrBefore_RespectsTheDates()
    {
        var schedule = Parsed("cron(0 * * * ? *)", null, "2026-12-07T10:30:00Z", "2026-12-07T14:30:00Z", null);

        Assert.Null(schedule.LatestAtOrBefore(Instant("2026-12-07T10:59:00Z")));
        Assert.Equal("2026-12-07T11:00:00+00:00", Format(schedule.LatestAtOrBefore(Instant("2026-12-07T11:00:00Z"))!.Value));
        Assert.Equal("2026-12-07T14:00:00+00:00", Format(schedule.LatestAtOrBefore(Instant("2026-12-08T00:00:00Z"))!.Value));
    }

    [Theory]
    [InlineData("cron(0 9 * * * *)", null, null, null, ScheduleField.Expression, "day-of-month and day-of-week")]
    [InlineData("cron(0 25 * * ? *)", null, null, null, ScheduleField.Expression, "hours '25'")]
    [InlineData("rate(0 minutes)", null, null, null, ScheduleField.Expression, "positive value")]
    [InlineData("at(2026-13-01T00:00:00)", null, null, null, ScheduleField.Expression, "at(yyyy-mm-ddThh:mm:ss)")]
    [InlineData("every monday", null, null, null, ScheduleField.Expression, "not a cron(...), rate(...) or at(...)")]
    [InlineData("cron(0 9 * * ? *)", "Mars/Olympus_Mons", null, null, ScheduleField.TimeZone, "not an IANA time zone")]
    [InlineData("cron(0 9 * * ? *)", null, "yesterday", null, ScheduleField.StartDate, "not an ISO 8601")]
    [InlineData("cron(0 9 * * ? *)", null, "2026-12-07T00:00:00Z", "2026-12-06T00:00:00Z", ScheduleField.EndDate, "before the start date")]
    public void Parse_Invalid_NamesTheFieldAndReason(string expression, string? zone, string? start, string? end, ScheduleField field, string reason)
    {
        var result = AwsSchedule.Parse(expression, zone, start, end);

        Assert.Null(result.Schedule);
        Assert.Equal(field, result.Error!.Field);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Valid_GivesKindAndZone()
    {
        var schedule = Parsed("cron(0 9 ? * 2#1 *)", "Australia/Sydney", null, null, null);

        Assert.Equal(ScheduleKind.Cron, schedule.Kind);
        Assert.Equal("Australia/Sydney", schedule.TimeZone.Id);
        Assert.Equal(ScheduleKind.Rate, Parsed("rate(1 hour)", null, null, null, null).Kind);
        Assert.Equal(ScheduleKind.At, Parsed("at(2027-01-01T00:00:00)", null, null, null, null).Kind);
    }

    private static string Next(string expression, string? zone, string after, int count, string? start, string? end)
    {
        var schedule = Parsed(expression, zone, start, end, null);
        var times = new List<string>();
        var instant = Instant(after);
        while (times.Count < count && schedule.NextAfter(instant) is { } next)
        {
            Assert.True(next > instant, $"{next} is not after {instant}");
            times.Add(Format(next));
            instant = next;
        }

        return string.Join(' ', times);
    }

    // When no fire time is expected, one is asked for, so "nothing left" is checked.
    private static int Count(string expected) => expected.Length == 0 ? 1 : expected.Split(' ').Length;

    private static AwsSchedule Parsed(string expression, string? zone, string? start, string? end, DateTimeOffset? anchor)
    {
        var result = AwsSchedule.Parse(expression, zone, start, end, anchor);
        Assert.True(result.Schedule is not null, result.Error?.Reason);
        return result.Schedule!;
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
