using System.Globalization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Schedules;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Application Auto Scaling's scheduled actions, derived rather than remembered: the bounds in force at an instant
/// are the registered minCapacity/maxCapacity overridden, field by field, by every action's latest fire time at or
/// before that instant, in the order those times came. That is what the persistent scalable target holds after the
/// actions ran, so a restart, a missed reconcile or a leader change gives the same bounds.
/// </summary>
public static class ScheduledScaling
{
    /// <summary>minCapacity when none is registered.</summary>
    public const int DefaultMinCapacity = 1;

    private const string Prefix = "service.autoScaling.scheduledActions";

    /// <summary>
    /// The bounds at <paramref name="now"/>; the registered bounds only when <paramref name="now"/> is null (offline)
    /// or scheduled scaling is suspended. Every action is validated either way. <paramref name="anchor"/> is where a
    /// rate() without a startTime counts from (the service's creation time).
    /// </summary>
    public static ScheduledScalingResult Evaluate(ServiceAutoScaling scaling, DateTimeOffset? now, DateTimeOffset? anchor)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        var errors = new List<ScheduledScalingError>();
        var ran = new List<ScheduledActionFiring>();
        ScheduledActionFiring? next = null;
        var suspended = scaling.SuspendedState?.ScheduledScalingSuspended == true;
        var actions = scaling.ScheduledActions ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var path = $"{Prefix}[{i}]";
            if (Parse(action, path, anchor, errors) is not { } schedule || now is not { } instant || suspended)
            {
                continue;
            }

            var name = action.ScheduledActionName ?? $"scheduledActions[{i}]";
            var (min, max) = (action.ScalableTargetAction!.MinCapacity, action.ScalableTargetAction.MaxCapacity);
            if (schedule.LatestAtOrBefore(instant) is { } latest)
            {
                ran.Add(new ScheduledActionFiring(name, i, latest, min, max));
            }

            if (schedule.NextAfter(instant) is { } upcoming && (next is null || upcoming < next.Time))
            {
                next = new ScheduledActionFiring(name, i, upcoming, min, max);
            }
        }

        ran.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Index.CompareTo(b.Index));
        var effectiveMin = scaling.MinCapacity ?? DefaultMinCapacity;
        var effectiveMax = scaling.MaxCapacity ?? int.MaxValue;
        for (var i = 0; i < ran.Count; i++)
        {
            var firing = ran[i];
            var (min, max) = (firing.MinCapacity ?? effectiveMin, firing.MaxCapacity ?? effectiveMax);
            if (min > max)
            {
                // Application Auto Scaling fails such an activity and leaves the target as it was.
                ran[i] = firing with { Applied = false, Message = FailureMessage(firing, effectiveMin, effectiveMax) };
                continue;
            }

            (effectiveMin, effectiveMax) = (min, max);
            ran[i] = firing with { Message = SuccessMessage(firing) };
        }

        return new ScheduledScalingResult
        {
            MinCapacity = effectiveMin,
            MaxCapacity = effectiveMax,
            Ran = ran,
            Next = next,
            Errors = errors,
        };
    }

    /// <summary>Application Auto Scaling's wording of a scheduled activity that succeeded.</summary>
    public static string SuccessMessage(ScheduledActionFiring firing)
    {
        ArgumentNullException.ThrowIfNull(firing);
        return "Successfully set " + Bounds(firing.MinCapacity, firing.MaxCapacity);
    }

    private static string FailureMessage(ScheduledActionFiring firing, int min, int max) =>
        $"Failed to set {Bounds(firing.MinCapacity, firing.MaxCapacity)}: "
        + (firing.MinCapacity is { } newMin && newMin > max
            ? $"min capacity {newMin.ToString(CultureInfo.InvariantCulture)} would exceed max capacity {max.ToString(CultureInfo.InvariantCulture)}"
            : $"max capacity {firing.MaxCapacity?.ToString(CultureInfo.InvariantCulture)} would be below min capacity {min.ToString(CultureInfo.InvariantCulture)}");

    private static string Bounds(int? min, int? max) => (min, max) switch
    {
        ({ } a, { } b) => $"min capacity to {a.ToString(CultureInfo.InvariantCulture)} and max capacity to {b.ToString(CultureInfo.InvariantCulture)}",
        ({ } a, null) => $"min capacity to {a.ToString(CultureInfo.InvariantCulture)}",
        (null, { } b) => $"max capacity to {b.ToString(CultureInfo.InvariantCulture)}",
        _ => "no capacity",
    };

    /// <summary>The action's schedule, or null (with the errors added) when the action is refused.</summary>
    private static AwsSchedule? Parse(ScheduledAction action, string path, DateTimeOffset? anchor, List<ScheduledScalingError> errors)
    {
        var count = errors.Count;
        var target = action.ScalableTargetAction;
        if (target is null || (target.MinCapacity is null && target.MaxCapacity is null))
        {
            errors.Add(new(path + ".scalableTargetAction", "a scheduled action needs minCapacity or maxCapacity"));
        }
        else
        {
            if (target.MinCapacity < 0)
            {
                errors.Add(new(path + ".scalableTargetAction.minCapacity", "must be 0 or more"));
            }

            if (target.MaxCapacity < 0)
            {
                errors.Add(new(path + ".scalableTargetAction.maxCapacity", "must be 0 or more"));
            }

            if (target.MinCapacity > target.MaxCapacity)
            {
                errors.Add(new(path + ".scalableTargetAction", $"minCapacity {target.MinCapacity} is above maxCapacity {target.MaxCapacity}"));
            }
        }

        AwsSchedule? schedule = null;
        if (string.IsNullOrWhiteSpace(action.Schedule))
        {
            errors.Add(new(path + ".schedule", "a scheduled action needs a schedule: at(...), rate(...) or cron(...)"));
        }
        else
        {
            var parsed = AwsSchedule.Parse(action.Schedule, action.Timezone, action.StartTime, action.EndTime, anchor);
            if (parsed.Error is { } error)
            {
                errors.Add(new(path + FieldSuffix(error.Field), error.Reason));
            }

            schedule = parsed.Schedule;
        }

        return errors.Count == count ? schedule : null;
    }

    private static string FieldSuffix(ScheduleField field) => field switch
    {
        ScheduleField.TimeZone => ".timezone",
        ScheduleField.StartDate => ".startTime",
        ScheduleField.EndDate => ".endTime",
        _ => ".schedule",
    };
}
