namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The revision asked for is missing while the task definition's controller has not seen its current spec yet: look
/// again after <see cref="RevisionResolution.RegisteringRecheck"/>, with neither a condition nor an event.
/// </summary>
public sealed record WorkloadRegistering : WorkloadPreparation
{
    /// <summary>The only value: a wait carries nothing.</summary>
    public static WorkloadRegistering Instance { get; } = new();

    private WorkloadRegistering()
    {
    }
}
