using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Workloads;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>
/// The bounds in force, derived from the registered ones and the scheduled actions that ran: the latest fire time at
/// or before the instant wins, field by field, as Application Auto Scaling's persistent scalable target behaves.
/// </summary>
public class ScheduledScalingTests
{
    private static ScheduledAction Action(string name, string schedule, int? min = null, int? max = null, string? timezone = null, string? start = null, string? end = null) => new()
    {
        ScheduledActionName = name,
        Schedule = schedule,
        Timezone = timezone,
        StartTime = start,
        EndTime = end,
        ScalableTargetAction = new ScalableTargetAction { MinCapacity = min, MaxCapacity = max },
    };

    private static ServiceAutoScaling Scaling(params ScheduledAction[] actions) =>
        new() { MinCapacity = 2, MaxCapacity = 10, ScheduledActions = [.. actions] };

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    // 08:00 UTC sets both bounds; 20:00 UTC sets only the minimum back.
    private static readonly ScheduledAction Up = Action("up", "at(2026-06-01T08:00:00)", min: 5, max: 20);
    private static readonly ScheduledAction Down = Action("down", "at(2026-06-01T20:00:00)", min: 1);

    [Theory]
    [InlineData("2026-06-01T07:59:59Z", 2, 10, null, "up")]
    [InlineData("2026-06-01T08:00:00Z", 5, 20, "up", "down")]
    [InlineData("2026-06-01T12:00:00Z", 5, 20, "up", "down")]
    // The later action sets only the minimum: the maximum the earlier one set stays.
    [InlineData("2026-06-01T20:00:00Z", 1, 20, "down", null)]
    [InlineData("2027-01-01T00:00:00Z", 1, 20, "down", null)]
    public void Evaluate_TwoActions_LatestWinsFieldByField(string now, int min, int max, string? last, string? next)
    {
        var result = ScheduledScaling.Evaluate(Scaling(Up, Down), At(now), anchor: null);

        Assert.Equal((min, max), (result.MinCapacity, result.MaxCapacity));
        Assert.Equal(last, result.Last?.Name);
        Assert.Equal(next, result.Next?.Name);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Evaluate_ListedOutOfOrder_FireTimesDecideTheOrder()
    {
        var result = ScheduledScaling.Evaluate(Scaling(Down, Up), At("2026-06-02T00:00:00Z"), anchor: null);

        Assert.Equal(["up", "down"], result.Ran.Select(r => r.Name));
        Assert.Equal((1, 20), (result.MinCapacity, result.MaxCapacity));
    }

    [Fact]
    public void Evaluate_SameFireTime_LaterInTheListWins()
    {
        var result = ScheduledScaling.Evaluate(
            Scaling(Action("a", "at(2026-06-01T08:00:00)", min: 4), Action("b", "at(2026-06-01T08:00:00)", min: 6)), At("2026-06-01T09:00:00Z"), anchor: null);

        Assert.Equal(6, result.MinCapacity);
        Assert.Equal("b", result.Last?.Name);
    }

    [Fact]
    public void Evaluate_NoInstant_RegisteredBoundsAndNothingRan()
    {
        var result = ScheduledScaling.Evaluate(Scaling(Up, Down), now: null, anchor: null);

        Assert.Equal((2, 10), (result.MinCapacity, result.MaxCapacity));
        Assert.Empty(result.Ran);
        Assert.Null(result.Next);
    }

    [Fact]
    public void Evaluate_ScheduledScalingSuspended_RegisteredBoundsAndNothingNext()
    {
        var scaling = Scaling(Up, Down);
        scaling.SuspendedState = new SuspendedState { ScheduledScalingSuspended = true };

        var result = ScheduledScaling.Evaluate(scaling, At("2026-06-01T12:00:00Z"), anchor: null);

        Assert.Equal((2, 10), (result.MinCapacity, result.MaxCapacity));
        Assert.Empty(result.Ran);
        Assert.Null(result.Next);
    }

    [Theory]
    // Weekdays in Paris: up at 08:00, down at 20:00 (CET in December: 07:00Z and 19:00Z).
    [InlineData("2026-12-08T06:59:00Z", 2, "down", "2026-12-07T19:00:00Z", "up", "2026-12-08T07:00:00Z")]
    [InlineData("2026-12-08T07:00:00Z", 5, "up", "2026-12-08T07:00:00Z", "down", "2026-12-08T19:00:00Z")]
    [InlineData("2026-12-08T10:00:00Z", 5, "up", "2026-12-08T07:00:00Z", "down", "2026-12-08T19:00:00Z")]
    // Saturday: Friday evening's action holds until Monday morning.
    [InlineData("2026-12-12T10:00:00Z", 2, "down", "2026-12-11T19:00:00Z", "up", "2026-12-14T07:00:00Z")]
    // CEST in June: 06:00Z and 18:00Z.
    [InlineData("2026-06-02T06:30:00Z", 5, "up", "2026-06-02T06:00:00Z", "down", "2026-06-02T18:00:00Z")]
    public void Evaluate_CronInATimeZone_FollowsLocalTime(string now, int min, string last, string lastTime, string next, string nextTime)
    {
        var scaling = Scaling(
            Action("up", "cron(0 8 ? * MON-FRI *)", min: 5, timezone: "Europe/Paris"),
            Action("down", "cron(0 20 ? * MON-FRI *)", min: 2, timezone: "Europe/Paris"));

        var result = ScheduledScaling.Evaluate(scaling, At(now), anchor: null);

        Assert.Equal(min, result.MinCapacity);
        Assert.Equal((last, At(lastTime)), (result.Last?.Name, result.Last?.Time));
        Assert.Equal((next, At(nextTime)), (result.Next?.Name, result.Next?.Time));
    }

    [Fact]
    public void Evaluate_AtInATimeZone_FiresAtThatLocalTime()
    {
        var scaling = Scaling(Action("ny", "at(2026-06-01T08:00:00)", min: 7, timezone: "America/New_York"));

        Assert.Equal(2, ScheduledScaling.Evaluate(scaling, At("2026-06-01T11:59:59Z"), anchor: null).MinCapacity);
        var fired = ScheduledScaling.Evaluate(scaling, At("2026-06-01T12:00:00Z"), anchor: null);
        Assert.Equal(7, fired.MinCapacity);
        Assert.Equal(At("2026-06-01T12:00:00Z"), fired.Last?.Time);
    }

    [Theory]
    [InlineData("2026-06-05T00:00:00Z", 2, null, "2026-06-10T08:00:00Z")]
    [InlineData("2026-06-10T08:00:00Z", 5, "2026-06-10T08:00:00Z", "2026-06-11T08:00:00Z")]
    [InlineData("2026-06-20T12:00:00Z", 5, "2026-06-20T08:00:00Z", null)]
    // After the end time the action runs no more, and the bounds it set stay.
    [InlineData("2026-07-01T00:00:00Z", 5, "2026-06-20T08:00:00Z", null)]
    public void Evaluate_StartAndEndTime_BoundTheFireTimes(string now, int min, string? last, string? next)
    {
        var scaling = Scaling(Action("daily", "cron(0 8 * * ? *)", min: 5, start: "2026-06-10T00:00:00Z", end: "2026-06-20T12:00:00Z"));

        var result = ScheduledScaling.Evaluate(scaling, At(now), anchor: null);

        Assert.Equal(min, result.MinCapacity);
        Assert.Equal(last is null ? null : At(last), result.Last?.Time);
        Assert.Equal(next is null ? null : At(next), result.Next?.Time);
    }

    [Fact]
    public void Evaluate_RateWithoutStartTime_CountsFromTheAnchor()
    {
        var scaling = Scaling(Action("hourly", "rate(1 hour)", max: 8));

        var result = ScheduledScaling.Evaluate(scaling, At("2026-06-01T02:10:00Z"), anchor: At("2026-06-01T00:30:00Z"));

        Assert.Equal(At("2026-06-01T01:30:00Z"), result.Last?.Time);
        Assert.Equal(At("2026-06-01T02:30:00Z"), result.Next?.Time);
        Assert.Equal(8, result.MaxCapacity);
    }

    [Fact]
    public void Evaluate_ActionWouldLeaveMinAboveMax_FailsAndChangesNothing()
    {
        var scaling = Scaling(Action("too-many", "at(2026-06-01T08:00:00)", min: 12), Action("later", "at(2026-06-01T09:00:00)", max: 30));

        var failed = ScheduledScaling.Evaluate(scaling, At("2026-06-01T08:30:00Z"), anchor: null);
        var later = ScheduledScaling.Evaluate(scaling, At("2026-06-01T09:30:00Z"), anchor: null);

        Assert.Equal((2, 10), (failed.MinCapacity, failed.MaxCapacity));
        Assert.False(failed.Last!.Applied);
        Assert.Equal("Failed to set min capacity to 12: min capacity 12 would exceed max capacity 10", failed.Last.Message);
        // An activity that failed is not replayed when a later one makes room for it.
        Assert.Equal((2, 30), (later.MinCapacity, later.MaxCapacity));
        Assert.True(later.Last!.Applied);
    }

    [Theory]
    [InlineData(3, 10, "Successfully set min capacity to 3 and max capacity to 10")]
    [InlineData(3, null, "Successfully set min capacity to 3")]
    [InlineData(null, 10, "Successfully set max capacity to 10")]
    public void Evaluate_AppliedAction_WordedAsApplicationAutoScaling(int? min, int? max, string message)
    {
        var result = ScheduledScaling.Evaluate(Scaling(Action("a", "at(2026-06-01T08:00:00)", min, max)), At("2026-06-01T08:00:00Z"), anchor: null);

        Assert.Equal(message, result.Last?.Message);
    }

    [Theory]
    [InlineData("cron(0 8 * * * *)", null, null, null, ".schedule")]
    [InlineData("rate(0 minutes)", null, null, null, ".schedule")]
    [InlineData("every day", null, null, null, ".schedule")]
    [InlineData("", null, null, null, ".schedule")]
    [InlineData("at(2026-06-01T08:00:00)", "Mars/Olympus_Mons", null, null, ".timezone")]
    [InlineData("at(2026-06-01T08:00:00)", null, "tomorrow", null, ".startTime")]
    [InlineData("at(2026-06-01T08:00:00)", null, "2026-06-10T00:00:00Z", "2026-06-01T00:00:00Z", ".endTime")]
    public void Evaluate_InvalidSchedule_RefusedWithThePathAndLeftOut(string schedule, string? timezone, string? start, string? end, string suffix)
    {
        var scaling = Scaling(Up, Action("bad", schedule, min: 4, timezone: timezone, start: start, end: end));

        var result = ScheduledScaling.Evaluate(scaling, At("2026-07-01T00:00:00Z"), anchor: null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("service.autoScaling.scheduledActions[1]" + suffix, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.Equal(["up"], result.Ran.Select(r => r.Name));
    }

    [Theory]
    [InlineData(null, null, ".scalableTargetAction")]
    [InlineData(6, 3, ".scalableTargetAction")]
    [InlineData(-1, null, ".scalableTargetAction.minCapacity")]
    [InlineData(null, -2, ".scalableTargetAction.maxCapacity")]
    public void Evaluate_InvalidTargetAction_RefusedWithThePath(int? min, int? max, string suffix)
    {
        var result = ScheduledScaling.Evaluate(Scaling(Action("bad", "at(2026-06-01T08:00:00)", min, max)), At("2026-07-01T00:00:00Z"), anchor: null);

        Assert.Equal("service.autoScaling.scheduledActions[0]" + suffix, Assert.Single(result.Errors).Path);
        Assert.Equal((2, 10), (result.MinCapacity, result.MaxCapacity));
    }

    [Fact]
    public void Evaluate_NoTargetActionAtAll_Refused()
    {
        var scaling = Scaling(new ScheduledAction { ScheduledActionName = "empty", Schedule = "rate(1 hour)" });

        Assert.Equal("service.autoScaling.scheduledActions[0].scalableTargetAction", Assert.Single(ScheduledScaling.Evaluate(scaling, null, null).Errors).Path);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 2)]
    [InlineData(7, 7)]
    [InlineData(50, 10)]
    public void Clamp_DesiredCount_IntoTheBounds(int desired, int expected)
    {
        Assert.Equal(expected, ScheduledScaling.Evaluate(Scaling(), null, null).Clamp(desired));
    }
}
