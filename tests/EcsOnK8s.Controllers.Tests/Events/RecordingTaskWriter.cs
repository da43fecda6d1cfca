using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;

namespace EcsOnK8s.Controllers.Tests.Events;

/// <summary>An in-memory EcsTask store with the API server's create semantics; <see cref="Failure"/> makes every create throw.</summary>
public sealed class RecordingTaskWriter : IEcsTaskWriter
{
    public Dictionary<string, EcsTask> Tasks { get; } = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public Exception? Failure { get; set; }

    public Task<EcsTask?> CreateAsync(EcsTask task, CancellationToken cancellationToken)
    {
        Calls++;
        if (Failure is not null)
        {
            throw Failure;
        }

        var key = $"{task.Metadata.NamespaceProperty}/{task.Metadata.Name}";
        if (Tasks.TryGetValue(key, out var existing))
        {
            return Task.FromResult<EcsTask?>(existing);
        }

        Tasks[key] = task;
        return Task.FromResult<EcsTask?>(null);
    }
}
