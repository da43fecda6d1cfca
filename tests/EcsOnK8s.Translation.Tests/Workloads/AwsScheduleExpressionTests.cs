using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

public class AwsScheduleExpressionTests
{
    [Theory]
    [InlineData("cron(0 10 * * ? *)", "0 10 * * *")]
    [InlineData("cron(15 12 * * ? *)", "15 12 * * *")]
    [InlineData("cron(0 18 ? * MON-FRI *)", "0 18 * * MON-FRI")]
    [InlineData("cron(0 8 1 * ? *)", "0 8 1 * *")]
    [InlineData("cron(0/15 * * * ? *)", "*/15 * * * *")]
    [InlineData("cron(0/10 * ? * MON-FRI *)", "*/10 * * * MON-FRI")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", "*/5 8-17 * * MON-FRI")]
    [InlineData("cron(1/10 * * * ? *)", "1-59/10 * * * *")]
    [InlineData("cron(0 9 ? * 1 *)", "0 9 * * 0")]
    [InlineData("cron(0 9 ? * 7 *)", "0 9 * * 6")]
    [InlineData("cron(0 9 ? * 2-6 *)", "0 9 * * 1-5")]
    [InlineData("cron(0 9 ? * 1,7 *)", "0 9 * * 0,6")]
    [InlineData("cron(0 9 ? * 1/2 *)", "0 9 * * */2")]
    [InlineData("cron(30 6 ? JAN,JUL SUN *)", "30 6 * JAN,JUL SUN")]
    [InlineData("cron(0 0 1 1-6 ? *)", "0 0 1 1-6 *")]
    public void Translate_AwsCron_FiveFieldCron(string aws, string expected)
    {
        var t = AwsScheduleExpression.Translate(aws);

        Assert.Equal(ScheduleKind.Cron, t.Kind);
        Assert.Equal(Disposition.Mapped, t.Disposition);
        Assert.Equal(expected, t.CronSchedule);
        Assert.False(t.OperatorTimed);
    }

    [Theory]
    [InlineData("cron(0 9 ? * 2#1 *)")]
    [InlineData("cron(0 9 L * ? *)")]
    [InlineData("cron(0 9 15W * ? *)")]
    [InlineData("cron(0 9 ? * 6L *)")]
    public void Translate_LWHash_OperatorTimedNoCron(string aws)
    {
        var t = AwsScheduleExpression.Translate(aws);

        Assert.Null(t.CronSchedule);
        Assert.True(t.OperatorTimed);
        Assert.Equal(Disposition.Approximated, t.Disposition);
        Assert.Contains("cannot be written in Kubernetes cron", t.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cron(0 9 * * * *)")]
    [InlineData("cron(0 9 ? * ? *)")]
    [InlineData("cron(0 9 * * ?)")]
    [InlineData("cron(60 9 * * ? *)")]
    [InlineData("cron(0 24 * * ? *)")]
    [InlineData("cron(0 9 ? * 8 *)")]
    [InlineData("cron(0 9 ? * FRI-MON *)")]
    [InlineData("cron(0 9 ? * 2#1,3#2 *)")]
    [InlineData("cron(0 9 * * ? 1969)")]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(5 weeks)")]
    [InlineData("at(2025-13-01T00:00:00)")]
    [InlineData("every 5 minutes")]
    [InlineData("")]
    [InlineData(null)]
    public void Translate_Invalid_Rejected(string? aws)
    {
        var t = AwsScheduleExpression.Translate(aws);

        Assert.Equal(Disposition.Rejected, t.Disposition);
        Assert.Null(t.CronSchedule);
        Assert.False(string.IsNullOrEmpty(t.Reason));
    }

    [Fact]
    public void Translate_SpecificYear_ApproximatedWithYears()
    {
        var t = AwsScheduleExpression.Translate("cron(0 12 1 1 ? 2026)");

        Assert.Equal("0 12 1 1 *", t.CronSchedule);
        Assert.Equal("2026", t.Years);
        Assert.Equal(Disposition.Approximated, t.Disposition);
    }

    [Theory]
    [InlineData("rate(1 minute)", "* * * * *", Disposition.Mapped)]
    [InlineData("rate(5 minutes)", "*/5 * * * *", Disposition.Mapped)]
    [InlineData("rate(7 minutes)", "*/7 * * * *", Disposition.Approximated)]
    [InlineData("rate(120 minutes)", "0 */2 * * *", Disposition.Mapped)]
    [InlineData("rate(1 hour)", "0 * * * *", Disposition.Mapped)]
    [InlineData("rate(6 hours)", "0 */6 * * *", Disposition.Mapped)]
    [InlineData("rate(7 hours)", "0 */7 * * *", Disposition.Approximated)]
    [InlineData("rate(48 hours)", "0 0 */2 * *", Disposition.Approximated)]
    [InlineData("rate(1 day)", "0 0 * * *", Disposition.Mapped)]
    [InlineData("rate(3 days)", "0 0 */3 * *", Disposition.Approximated)]
    public void Translate_Rate_Cron(string aws, string expected, Disposition disposition)
    {
        var t = AwsScheduleExpression.Translate(aws);

        Assert.Equal(ScheduleKind.Rate, t.Kind);
        Assert.Equal(expected, t.CronSchedule);
        Assert.Equal(disposition, t.Disposition);
    }

    [Fact]
    public void Translate_At_OneShotOperatorTimed()
    {
        var t = AwsScheduleExpression.Translate("at(2025-06-01T08:00:00)");

        Assert.Equal(ScheduleKind.At, t.Kind);
        Assert.Null(t.CronSchedule);
        Assert.True(t.OperatorTimed);
        Assert.Equal(new DateTime(2025, 6, 1, 8, 0, 0, DateTimeKind.Unspecified), t.At);
    }
}
