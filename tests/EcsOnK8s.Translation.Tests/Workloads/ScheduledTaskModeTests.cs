using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>Where a schedule is a CronJob and where the operator times it, in the operator and offline.</summary>
public class ScheduledTaskModeTests
{
    private static readonly ResolvedTaskDefinition TaskDefinition = new("web", 3, new EcsTaskDefinitionSpec
    {
        Family = "web",
        ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx:1.27", Memory = 512 }],
    });

    public static TheoryData<string, string?, bool, bool> Exactness() => new()
    {
        // expression, time zone, on Kubernetes 1.30, a CronJob is exact
        { "cron(0 18 ? * MON-FRI *)", null, true, true },
        { "cron(0/15 * * * ? *)", "UTC", false, true },
        { "cron(0 18 ? * MON-FRI *)", "Europe/Berlin", true, true },
        { "cron(0 18 ? * MON-FRI *)", "Europe/Berlin", false, false },
        { "cron(30 6 ? * 1 2026)", null, true, false },
        { "cron(0 9 L * ? *)", null, true, false },
        { "cron(0 12 15W * ? *)", null, true, false },
        { "cron(0 0 ? * 2#1 *)", null, true, false },
        { "at(2026-06-01T08:00:00)", null, true, false },
        { "rate(1 minute)", null, false, true },
        { "rate(5 minutes)", null, true, false },
        { "rate(1 hour)", null, true, false },
        { "rate(1 day)", null, true, false },
    };

    [Theory]
    [MemberData(nameof(Exactness))]
    public void Render_InTheOperator_CronJobOnlyWhereExactElseARunTemplate(string expression, string? zone, bool modern, bool exact)
    {
        var result = Render(new EcsScheduledTaskSpec { ScheduleExpression = expression, ScheduleExpressionTimezone = zone }, operatorTimes: true, modern);

        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => $"{r.Path}: {r.Reason}")));
        Assert.Equal(exact, result.Objects.OfType<V1CronJob>().Any());
        Assert.Equal(!exact, result.RunTemplate is not null);
        Assert.Empty(result.Objects.OfType<V1Job>());
        Assert.Equal(Disposition.Mapped, Entry(result, "scheduledTask.scheduleExpression").Disposition);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", null, null)]
    [InlineData(null, "2027-01-01T00:00:00Z", null)]
    [InlineData(null, null, "FLEXIBLE")]
    public void Render_DatesOrFlexibleWindow_OperatorTimed(string? start, string? end, string? window)
    {
        var spec = new EcsScheduledTaskSpec
        {
            ScheduleExpression = "cron(0 18 ? * MON-FRI *)",
            StartDate = start,
            EndDate = end,
            FlexibleTimeWindow = window is null ? null : new FlexibleTimeWindow { Mode = window, MaximumWindowInMinutes = 15 },
        };

        var result = Render(spec, operatorTimes: true);

        Assert.Empty(result.Objects.OfType<V1CronJob>());
        Assert.NotNull(result.RunTemplate);
        Assert.All(result.Report.Entries.Where(e => e.Path is "scheduledTask.startDate" or "scheduledTask.endDate" or "scheduledTask.flexibleTimeWindow"),
            e => Assert.Equal(Disposition.Mapped, e.Disposition));
    }

    [Fact]
    public void Render_RunTemplate_JobOfTheRunsWithTaskCountRetriesAndLabels()
    {
        var spec = new EcsScheduledTaskSpec
        {
            ScheduleExpression = "cron(0 9 L * ? *)",
            Target = new ScheduleTarget
            {
                RetryPolicy = new RetryPolicy { MaximumRetryAttempts = 2 },
                EcsParameters = new EcsParameters { TaskCount = 3 },
            },
        };

        var template = Render(spec, operatorTimes: true).RunTemplate!;

        Assert.Equal("nightly", template.Metadata.Name);
        Assert.Equal((3, 3, 2), (template.Spec.Parallelism, template.Spec.Completions, template.Spec.BackoffLimit));
        Assert.Equal("nightly", template.Metadata.Labels[Api.WellKnownLabels.ScheduledTask]);
        Assert.Equal("nightly", template.Spec.Template.Metadata.Labels[Api.WellKnownLabels.ScheduledTask]);
        Assert.Equal("web:3", template.Metadata.Annotations[Api.WellKnownAnnotations.TaskDefinition]);
    }

    [Fact]
    public void Render_OfflineYearField_ApproximateCronJobThatSaysWhatTheOperatorDoes()
    {
        var result = Render(new EcsScheduledTaskSpec { ScheduleExpression = "cron(0 9 1 1 ? 2026)", EndDate = "2026-12-31T00:00:00Z" }, operatorTimes: false);

        var cronJob = Assert.Single(result.Objects.OfType<V1CronJob>());
        Assert.Equal("0 9 1 1 *", cronJob.Spec.Schedule);
        Assert.Null(result.RunTemplate);
        var reason = Entry(result, "scheduledTask.scheduleExpression");
        Assert.Equal(Disposition.Approximated, reason.Disposition);
        Assert.Contains("runs every year", reason.Reason, StringComparison.Ordinal);
        Assert.Contains("the operator runs it exactly", reason.Reason, StringComparison.Ordinal);
        Assert.Equal(Disposition.Approximated, Entry(result, "scheduledTask.endDate").Disposition);
        Assert.DoesNotContain(cronJob.Metadata.Annotations.Keys, k => k.EndsWith("end-date", StringComparison.Ordinal) || k.EndsWith("schedule-years", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cron(0 9 L * ? *)")]
    [InlineData("at(2026-06-01T08:00:00)")]
    public void Render_OfflineNoCronForm_NothingRenderedAndTheReasonNamesTheOperator(string expression)
    {
        var result = Render(new EcsScheduledTaskSpec { ScheduleExpression = expression, ActionAfterCompletion = "DELETE" }, operatorTimes: false);

        Assert.Empty(result.Objects.OfType<V1CronJob>());
        Assert.Null(result.RunTemplate);
        Assert.Contains("the operator creates each run's Job", Entry(result, "scheduledTask.scheduleExpression").Reason, StringComparison.Ordinal);
        Assert.Equal(Disposition.Approximated, Entry(result, "scheduledTask.actionAfterCompletion").Disposition);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", null, "scheduledTask.scheduleExpressionTimezone")]
    [InlineData(null, "yesterday", "scheduledTask.startDate")]
    public void Render_InvalidZoneOrDate_RejectedWithTheFieldPath(string? zone, string? start, string path)
    {
        var result = Render(new EcsScheduledTaskSpec { ScheduleExpression = "cron(0 9 L * ? *)", ScheduleExpressionTimezone = zone, StartDate = start }, operatorTimes: true);

        Assert.True(result.Rejected);
        Assert.Contains(result.Report.Rejections, r => r.Path == path);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData(120, 120)]
    [InlineData(3600, 300)]
    public void Render_CronJob_StartingDeadlineIsTheCatchUpWindowBoundedByTheEventAge(int? maximumAge, int expected)
    {
        var spec = new EcsScheduledTaskSpec
        {
            ScheduleExpression = "cron(0/15 * * * ? *)",
            Target = new ScheduleTarget { RetryPolicy = maximumAge is null ? null : new RetryPolicy { MaximumEventAgeInSeconds = maximumAge } },
        };

        var cronJob = Assert.Single(Render(spec, operatorTimes: true).Objects.OfType<V1CronJob>());

        Assert.Equal(expected, cronJob.Spec.StartingDeadlineSeconds);
    }

    private static ReportEntry Entry(RenderResult result, string path) => result.Report.Entries.Single(e => e.Path == path);

    private static RenderResult Render(EcsScheduledTaskSpec spec, bool operatorTimes, bool modern = true) => Renderer.Render(new RenderRequest
    {
        TaskDefinition = TaskDefinition,
        Capabilities = modern ? ClusterCapabilities.Kubernetes130 : ClusterCapabilities.Kubernetes120,
        OperatorTimesSchedules = operatorTimes,
        ScheduledTask = new EcsScheduledTask { Metadata = new V1ObjectMeta { Name = "nightly", NamespaceProperty = "jobs" }, Spec = spec },
    });
}
