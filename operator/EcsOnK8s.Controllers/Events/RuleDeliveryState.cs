using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// What the deliveries of one rule have seen since the rule was first counted: per target matched, delivered and
/// failed; the last error; the newest dead letters; and the invocations of the current minute (the cap). Counts
/// start from the rule's status, so they survive a restart (less what happened after the last status write).
/// </summary>
public sealed class RuleDeliveryState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long[]> _counts = new(StringComparer.Ordinal);
    private readonly LinkedList<EventDeadLetter> _deadLetters = new();
    private bool _seeded;
    private DateTimeOffset _lastDeadLetterEvent = DateTimeOffset.MinValue;
    private DateTimeOffset _lastCapEvent = DateTimeOffset.MinValue;
    private long _window = long.MinValue;
    private int _invocations;

    public string? LastError { get; private set; }

    /// <summary>When the invocation cap last refused an invocation.</summary>
    public DateTimeOffset? CapReachedAt { get; private set; }

    /// <summary>Takes the counts, last error and dead letters of a status written before; only the first call counts.</summary>
    public void Seed(EcsEventRuleStatus? status)
    {
        lock (_gate)
        {
            if (_seeded)
            {
                return;
            }

            _seeded = true;
            foreach (var target in status?.Targets ?? [])
            {
                if (target.Id is { } id)
                {
                    var counts = Counts(id);
                    counts[0] += target.Matched ?? 0;
                    counts[1] += target.Delivered ?? 0;
                    counts[2] += target.Failed ?? 0;
                }
            }

            LastError ??= status?.LastError;
            foreach (var letter in (status?.DeadLetters ?? []).Take(EcsEventRuleStatus.MaxDeadLetters))
            {
                _deadLetters.AddLast(letter);
            }
        }
    }

    public void Matched(string targetId)
    {
        lock (_gate)
        {
            Counts(targetId)[0]++;
        }
    }

    public void Delivered(string targetId)
    {
        lock (_gate)
        {
            Counts(targetId)[1]++;
        }
    }

    public void Error(string reason)
    {
        lock (_gate)
        {
            LastError = reason;
        }
    }

    public void DeadLetter(EventDeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        lock (_gate)
        {
            Counts(letter.TargetId ?? string.Empty)[2]++;
            LastError = letter.Reason;
            _deadLetters.AddFirst(letter);
            while (_deadLetters.Count > EcsEventRuleStatus.MaxDeadLetters)
            {
                _deadLetters.RemoveLast();
            }
        }
    }

    /// <summary>Takes one invocation of the minute <paramref name="now"/> falls in; false (and the cap noted) when <paramref name="cap"/> are taken.</summary>
    public bool TryInvoke(DateTimeOffset now, int cap)
    {
        var window = now.ToUnixTimeSeconds() / 60;
        lock (_gate)
        {
            if (window != _window)
            {
                _window = window;
                _invocations = 0;
            }

            if (_invocations >= cap)
            {
                CapReachedAt = now;
                return false;
            }

            _invocations++;
            return true;
        }
    }

    /// <summary>
    /// Whether a Kubernetes Event should report this dead letter: at most one a second per rule (one a minute for the
    /// cap), so a flood of dead letters does not become a flood of API writes; status keeps every one.
    /// </summary>
    public bool TryReport(DateTimeOffset now, bool capped)
    {
        lock (_gate)
        {
            if (capped)
            {
                if (now - _lastCapEvent < TimeSpan.FromMinutes(1))
                {
                    return false;
                }

                _lastCapEvent = now;
                return true;
            }

            if (now - _lastDeadLetterEvent < TimeSpan.FromSeconds(1))
            {
                return false;
            }

            _lastDeadLetterEvent = now;
            return true;
        }
    }

    /// <summary>The counts of <paramref name="targetIds"/> (in that order), as status writes them.</summary>
    public List<EventRuleTargetStatus> TargetStatuses(IEnumerable<string> targetIds)
    {
        lock (_gate)
        {
            return [.. targetIds.Select(id =>
            {
                var counts = _counts.GetValueOrDefault(id) ?? new long[3];
                return new EventRuleTargetStatus { Id = id, Matched = counts[0], Delivered = counts[1], Failed = counts[2] };
            })];
        }
    }

    public List<EventDeadLetter> DeadLetters()
    {
        lock (_gate)
        {
            return [.. _deadLetters];
        }
    }

    private long[] Counts(string targetId)
    {
        if (!_counts.TryGetValue(targetId, out var counts))
        {
            counts = new long[3];
            _counts[targetId] = counts;
        }

        return counts;
    }
}
