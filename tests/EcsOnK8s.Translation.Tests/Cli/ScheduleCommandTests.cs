using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

public sealed class ScheduleCommandTests
{
    // A clock no test means to read: a default --after would show up as a 2001 date.
    private static readonly DateTimeOffset Unused = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (int Exit, string[] Lines, string Err) Run(params string[] args) => RunAt(Unused, args);

    private static (int Exit, string[] Lines, string Err) RunAt(DateTimeOffset now, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ScheduleCommand.Run(args, stdout, stderr, new FakeTimeProvider(now));
        return (exit, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    // AWS's documented examples (EventBridge Scheduler and CloudWatch Events cron reference), counted by hand from
    // the calendars of those months.
    [Theory]
    [InlineData("cron(0 18 ? * MON-FRI *)", "2026-12-04T19:00:00Z", "2026-12-07T18:00:00+00:00", "2026-12-08T18:00:00+00:00", "2026-12-09T18:00:00+00:00")]
    [InlineData("cron(0/15 * * * ? *)", "2026-12-07T10:07:00Z", "2026-12-07T10:15:00+00:00", "2026-12-07T10:30:00+00:00", "2026-12-07T10:45:00+00:00")]
    [InlineData("cron(0 10 ? * 6L *)", "2026-12-01T00:00:00Z", "2026-12-25T10:00:00+00:00", "2027-01-29T10:00:00+00:00", "2027-02-26T10:00:00+00:00")]
    [InlineData("cron(0 9 L * ? *)", "2027-01-01T00:00:00Z", "2027-01-31T09:00:00+00:00", "2027-02-28T09:00:00+00:00", "2027-03-31T09:00:00+00:00")]
    [InlineData("cron(0 12 15W * ? *)", "2026-11-01T00:00:00Z", "2026-11-16T12:00:00+00:00", "2026-12-15T12:00:00+00:00", "2027-01-15T12:00:00+00:00")]
    [InlineData("cron(0 0 ? * 2#1 *)", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00+00:00", "2026-12-07T00:00:00+00:00", "2027-01-04T00:00:00+00:00")]
    public void Next_AwsDocumentedExamples_NextThreeFireTimes(string expression, string after, params string[] expected)
    {
        var (exit, lines, error) = Run("next", expression, "--after", after, "--count", "3");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void Next_NoCount_TenFireTimes()
    {
        var (exit, lines, _) = Run("next", "cron(0/15 * * * ? *)", "--after", "2026-12-07T10:00:00Z");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(10, lines.Length);
        Assert.Equal("2026-12-07T12:30:00+00:00", lines[^1]);
    }

    [Fact]
    public void Next_YearRange_StopsAfterTheLastYear()
    {
        var (exit, lines, _) = Run("next", "cron(0 9 1 1 ? 2026-2027)", "--after", "2025-06-01T00:00:00Z", "--count", "5");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(["2026-01-01T09:00:00+00:00", "2027-01-01T09:00:00+00:00"], lines);
    }

    // Europe/Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:00-02:59 does not exist and is skipped.
    [Fact]
    public void Next_BerlinSpringForward_NonexistentHourSkippedOffsetChanges()
    {
        var (exit, lines, _) = Run("next", "cron(0 * * * ? *)", "--timezone", "Europe/Berlin", "--after", "2026-03-29T00:30:00Z", "--count", "2");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(["2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"], lines);
    }

    [Fact]
    public void Next_BerlinSpringForward_DailyRunInTheGapSkippedThatDay()
    {
        var (_, lines, _) = Run("next", "cron(30 2 * * ? *)", "--timezone", "Europe/Berlin", "--after", "2026-03-27T12:00:00Z", "--count", "3");

        Assert.Equal(["2026-03-28T02:30:00+01:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"], lines);
    }

    // Europe/Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00-02:59 happens twice; it fires once, at
    // its first occurrence (+02:00), and the next hourly run is 03:00 CET, two hours later.
    [Fact]
    public void Next_BerlinFallBack_RepeatedHourFiresOnce()
    {
        var (_, lines, _) = Run("next", "cron(0 * * * ? *)", "--timezone", "Europe/Berlin", "--after", "2026-10-24T23:30:00Z", "--count", "3");

        Assert.Equal(["2026-10-25T02:00:00+02:00", "2026-10-25T03:00:00+01:00", "2026-10-25T04:00:00+01:00"], lines);
    }

    [Fact]
    public void Next_RateWithStartDate_CountsFromStartInTwentyFourHourDaysAcrossDst()
    {
        var (_, lines, _) = Run("next", "rate(1 day)", "--timezone", "Europe/Berlin", "--start-date", "2026-03-28T12:00:00+01:00",
            "--after", "2026-03-28T00:00:00Z", "--count", "2");

        Assert.Equal(["2026-03-28T12:00:00+01:00", "2026-03-29T13:00:00+02:00"], lines);
    }

    [Fact]
    public void Next_RateWithoutStartDate_CountsFromAfter()
    {
        var (_, lines, _) = Run("next", "rate(90 minutes)", "--after", "2026-12-07T10:00:00Z", "--count", "2");

        Assert.Equal(["2026-12-07T11:30:00+00:00", "2026-12-07T13:00:00+00:00"], lines);
    }

    [Fact]
    public void Next_RateFromAFractionalAfter_KeepsTheFraction()
    {
        var (_, lines, _) = Run("next", "rate(1 minute)", "--after", "2026-12-07T10:00:00.25Z", "--count", "1");

        Assert.Equal(["2026-12-07T10:01:00.25+00:00"], lines);
    }

    [Fact]
    public void Next_NoAfter_NowFromTheClockToTheSecond()
    {
        var (_, lines, _) = RunAt(new DateTimeOffset(2026, 12, 7, 10, 7, 30, 250, TimeSpan.Zero), "next", "rate(1 hour)", "--count", "1");

        Assert.Equal(["2026-12-07T11:07:30+00:00"], lines);
    }

    [Fact]
    public void Next_AtInZone_OnceWithTheZonesOffset()
    {
        var (_, before, _) = Run("next", "at(2026-07-01T09:00:00)", "--timezone", "America/New_York", "--after", "2026-06-01T00:00:00Z");
        var (exit, afterIt, error) = Run("next", "at(2026-07-01T09:00:00)", "--timezone", "America/New_York", "--after", "2026-07-01T13:00:00Z");

        Assert.Equal(["2026-07-01T09:00:00-04:00"], before);
        Assert.Equal(Program.ExitOk, exit);
        Assert.Empty(afterIt);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Next_EndDateReached_NothingExitZero()
    {
        var (_, last, _) = Run("next", "cron(0 9 * * ? *)", "--end-date", "2026-12-31T09:00:00Z", "--after", "2026-12-30T12:00:00Z");
        var (exit, lines, error) = Run("next", "cron(0 9 * * ? *)", "--end-date", "2026-12-31T09:00:00Z", "--after", "2026-12-31T09:00:00Z");

        Assert.Equal(["2026-12-31T09:00:00+00:00"], last);
        Assert.Equal(Program.ExitOk, exit);
        Assert.Empty(lines);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("EXPRESSION (scheduleExpression)", "cron(0 9 * * * *)")]
    [InlineData("EXPRESSION (scheduleExpression)", "rate(0 minutes)")]
    [InlineData("EXPRESSION (scheduleExpression)", "every day")]
    [InlineData("--timezone (scheduleExpressionTimezone)", "cron(0 9 * * ? *)", "--timezone", "Mars/Olympus_Mons")]
    [InlineData("--start-date (startDate)", "cron(0 9 * * ? *)", "--start-date", "soon")]
    [InlineData("--end-date (endDate)", "cron(0 9 * * ? *)", "--start-date", "2026-06-01T00:00:00Z", "--end-date", "2026-01-01T00:00:00Z")]
    [InlineData("--after", "cron(0 9 * * ? *)", "--after", "tomorrow")]
    public void Next_Invalid_ExitOneNamingTheField(string field, params string[] args)
    {
        var (exit, lines, error) = Run(["next", .. args]);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Empty(lines);
        Assert.StartsWith($"ecsonk8s schedule next: invalid {field}: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("later")]
    [InlineData("next")]
    [InlineData("next", "cron(0 9 * * ? *)", "--count", "0")]
    [InlineData("next", "cron(0 9 * * ? *)", "--count", "ten")]
    [InlineData("next", "cron(0 9 * * ? *)", "--bogus", "1")]
    [InlineData("next", "cron(0", "9", "*", "*", "?", "*)")]
    [InlineData("next", "cron(0 9 * * ? *)", "--timezone")]
    public void Run_UsageErrors_ExitTwo(params string[] args) => Assert.Equal(Program.ExitUsage, Run(args).Exit);
}
