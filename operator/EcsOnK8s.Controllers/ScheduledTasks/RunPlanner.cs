using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsOnK8s.Translation.Schedules;

namespace EcsOnK8s.Controllers.ScheduledTasks;

/// <summary>
/// The timing policy of operator-timed schedules, pure: which fire time runs now, which were missed or dropped, and
/// when to look again. Only the latest fire time whose start has come is ever run; earlier ones that got no run are
/// counted as missed, never replayed in a burst. A run starts at its fire time plus its flexible offset; one that is
/// later than the catch-up window is missed, one later than the maximum event age is dropped.
/// </summary>
public static class RunPlanner
{
    /// <summary>At most this many missed fire times are counted in one pass (a schedule long without an operator).</summary>
    public const int MaxCounted = 1000;

    /// <summary>How many missed fire times a plan lists.</summary>
    public const int RecentListed = 5;

    /// <param name="schedule">The parsed schedule.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="created">No fire time before it runs or counts (the schedule's creation, or when it was last enabled).</param>
    /// <param name="accounted">The latest fire time already run, missed or dropped; only later ones are considered.</param>
    /// <param name="offset">The flexible start offset of a fire time (zero without a flexible window).</param>
    /// <param name="catchUpWindow">How late a run may still start.</param>
    /// <param name="maximumEventAge">The target's maximumEventAgeInSeconds, when set.</param>
    public static RunPlan Plan(
        AwsSchedule schedule,
        DateTimeOffset now,
        DateTimeOffset created,
        DateTimeOffset? accounted,
        Func<DateTimeOffset, TimeSpan> offset,
        TimeSpan catchUpWindow,
        TimeSpan? maximumEventAge)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(offset);
        var floor = accounted is { } a && a >= created ? a : created.AddTicks(-1);
        DateTimeOffset? Latest(DateTimeOffset at) => schedule.LatestAtOrBefore(at) is { } fire && fire > floor ? fire : null;

        var next = schedule.NextAfter(now);
        var nextStart = next is { } n ? n + offset(n) : (DateTimeOffset?)null;
        var candidate = Latest(now);
        if (candidate is { } latest && latest + offset(latest) > now)
        {
            // Its start is still to come (offsets end before the next fire time, so the one before has started).
            nextStart = latest + offset(latest);
            candidate = Latest(latest.AddTicks(-1));
        }

        var plan = new RunPlan { NextFireTime = next, NextStart = nextStart, Ended = nextStart is null };
        if (candidate is not { } fireTime)
        {
            return plan;
        }

        var (missed, missedCount) = Between(schedule, floor, fireTime);
        var lateness = now - (fireTime + offset(fireTime));
        if (lateness > catchUpWindow)
        {
            missed.Add(fireTime);
            missedCount++;
            return plan with { Missed = missed.TakeLast(RecentListed).ToList(), MissedCount = missedCount };
        }

        plan = plan with { Missed = missed, MissedCount = missedCount };
        return maximumEventAge is { } age && lateness > age ? plan with { Dropped = fireTime } : plan with { Due = fireTime };
    }

    /// <summary>
    /// The start offset of a run in a flexible time window: a fixed fraction of the window per schedule and fire time
    /// (a hash of both), in whole seconds, ending before <paramref name="nextFireTime"/> so runs keep their order.
    /// </summary>
    public static TimeSpan FlexibleOffset(string scheduleUid, DateTimeOffset fireTime, TimeSpan window, DateTimeOffset? nextFireTime)
    {
        var span = nextFireTime is { } next && next - fireTime < window ? next - fireTime : window;
        var seconds = (long)span.TotalSeconds;
        if (seconds <= 1)
        {
            return TimeSpan.Zero;
        }

        var input = Encoding.UTF8.GetBytes($"{scheduleUid}/{fireTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(input));
        return TimeSpan.FromSeconds((long)(hash % (ulong)(seconds - 1)));
    }

    /// <summary>The fire times strictly between <paramref name="after"/> and <paramref name="before"/>: the latest few and the count.</summary>
    private static (List<DateTimeOffset> Recent, long Count) Between(AwsSchedule schedule, DateTimeOffset after, DateTimeOffset before)
    {
        var recent = new Queue<DateTimeOffset>();
        long count = 0;
        var at = after;
        while (count < MaxCounted && schedule.NextAfter(at) is { } fire && fire < before)
        {
            count++;
            recent.Enqueue(fire);
            if (recent.Count > RecentListed)
            {
                recent.Dequeue();
            }

            at = fire;
        }

        return ([.. recent], count);
    }
}
