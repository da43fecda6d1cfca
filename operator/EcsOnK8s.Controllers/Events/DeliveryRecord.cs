using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// What one rule delivered, kept in the API server (a ConfigMap owned by the rule, see <see cref="DeliveryRecordStore"/>)
/// so that a restart delivers only what is newer: per task (data key <c>task.TASKID</c>) a <see cref="TaskDeliveryEntry"/>;
/// per service event kind (<c>service.UID.KIND</c>) and target the id of the last event delivered. Thread-safe.
/// </summary>
public sealed class DeliveryRecord
{
    public const string TaskPrefix = "task.";
    public const string ServicePrefix = "service.";

    private static readonly JsonSerializerOptions s_json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskDeliveryEntry> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _services = new(StringComparer.Ordinal);

    /// <summary>Whether something changed since the last <see cref="Encode"/>.</summary>
    public bool Dirty { get; private set; }

    public int TaskCount
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Count;
            }
        }
    }

    /// <summary>A copy of the entry of a task (by its UID), or null.</summary>
    public TaskDeliveryEntry? Task(string taskUid)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(EcsArns.TaskId(taskUid), out var entry) ? Copy(entry) : null;
        }
    }

    /// <summary>The UIDs of every task recorded, with a copy of its entry.</summary>
    public IReadOnlyList<(string TaskId, TaskDeliveryEntry Entry)> Tasks()
    {
        lock (_gate)
        {
            return [.. _tasks.Select(t => (t.Key, Copy(t.Value)))];
        }
    }

    /// <summary>Keeps <paramref name="state"/> as the task's last observed state (not a delivery) when it is newer than the one kept.</summary>
    public void Observe(TaskStateChange state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var entry = Entry(state.TaskUid);
            if (entry.Last is null || entry.Last.Version < state.Version)
            {
                entry.Last = state;
                Dirty = true;
            }
        }
    }

    public void MarkDelivered(TaskStateChange state, string targetId)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var entry = Entry(state.TaskUid);
            entry.Last ??= state;
            Dirty |= entry.MarkDelivered(targetId, state.Version);
        }
    }

    /// <summary>Marks the record changed (a write failed: try again).</summary>
    public void Touch()
    {
        lock (_gate)
        {
            Dirty = true;
        }
    }

    /// <summary>Forgets a task (it is gone and its STOPPED state done for every target).</summary>
    public void Forget(string taskId)
    {
        lock (_gate)
        {
            Dirty |= _tasks.Remove(taskId);
        }
    }

    public string? ServiceDelivered(string serviceUid, string kind, string targetId)
    {
        lock (_gate)
        {
            return _services.TryGetValue(ServiceKey(serviceUid, kind), out var targets) ? targets.GetValueOrDefault(targetId) : null;
        }
    }

    public void MarkServiceDelivered(string serviceUid, string kind, string targetId, string eventId)
    {
        lock (_gate)
        {
            var key = ServiceKey(serviceUid, kind);
            if (!_services.TryGetValue(key, out var targets))
            {
                targets = new Dictionary<string, string>(StringComparer.Ordinal);
                _services[key] = targets;
            }

            if (targets.GetValueOrDefault(targetId) != eventId)
            {
                targets[targetId] = eventId;
                Dirty = true;
            }
        }
    }

    /// <summary>Forgets the services not in <paramref name="liveUids"/> (deleted).</summary>
    public void RetainServices(IReadOnlySet<string> liveUids)
    {
        lock (_gate)
        {
            var live = liveUids.Select(EcsArns.TaskId).ToHashSet(StringComparer.Ordinal);
            foreach (var key in _services.Keys.Where(k => !live.Contains(k.Split('.')[0])).ToList())
            {
                Dirty |= _services.Remove(key);
            }
        }
    }

    /// <summary>The record as ConfigMap data; a STOPPED state done everywhere keeps only its versions.</summary>
    public Dictionary<string, string> Encode(IReadOnlyCollection<string> targetIds)
    {
        lock (_gate)
        {
            Dirty = false;
            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (taskId, entry) in _tasks)
            {
                var stored = entry.StoppedEverywhere(targetIds) ? new TaskDeliveryEntry { Delivered = entry.Delivered } : entry;
                data[TaskPrefix + taskId] = JsonSerializer.Serialize(stored, s_json);
            }

            foreach (var (key, targets) in _services)
            {
                data[ServicePrefix + key] = JsonSerializer.Serialize(targets, s_json);
            }

            return data;
        }
    }

    /// <summary>Reads ConfigMap data written by <see cref="Encode"/>; entries that cannot be read are skipped (and counted).</summary>
    public static DeliveryRecord Decode(IDictionary<string, string>? data, out int unreadable)
    {
        var record = new DeliveryRecord();
        unreadable = 0;
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            try
            {
                if (key.StartsWith(TaskPrefix, StringComparison.Ordinal))
                {
                    var entry = JsonSerializer.Deserialize<TaskDeliveryEntry>(value, s_json);
                    if (entry is not null)
                    {
                        record._tasks[key[TaskPrefix.Length..]] = new TaskDeliveryEntry
                        {
                            Delivered = new Dictionary<string, long>(entry.Delivered, StringComparer.Ordinal),
                            Last = entry.Last,
                        };
                    }
                }
                else if (key.StartsWith(ServicePrefix, StringComparison.Ordinal))
                {
                    var targets = JsonSerializer.Deserialize<Dictionary<string, string>>(value, s_json);
                    if (targets is not null)
                    {
                        record._services[key[ServicePrefix.Length..]] = new Dictionary<string, string>(targets, StringComparer.Ordinal);
                    }
                }
            }
            catch (JsonException)
            {
                unreadable++;
            }
        }

        return record;
    }

    private static string ServiceKey(string serviceUid, string kind) => $"{EcsArns.TaskId(serviceUid)}.{kind}";

    private static TaskDeliveryEntry Copy(TaskDeliveryEntry entry) =>
        new() { Delivered = new Dictionary<string, long>(entry.Delivered, StringComparer.Ordinal), Last = entry.Last };

    private TaskDeliveryEntry Entry(string taskUid)
    {
        var id = EcsArns.TaskId(taskUid);
        if (!_tasks.TryGetValue(id, out var entry))
        {
            entry = new TaskDeliveryEntry();
            _tasks[id] = entry;
        }

        return entry;
    }
}
