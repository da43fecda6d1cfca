using EcsOnK8s.Controllers.Tasks;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>Answers every Job's refusal with one message (null: none), counting the reads.</summary>
public sealed class FakePodRefusals(string? message) : IPodRefusals
{
    public int Calls { get; private set; }

    public Task<string?> FindAsync(V1Job job, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(message);
    }
}
