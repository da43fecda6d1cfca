namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The revision asked for is missing while the task definition's controller has not seen its current spec yet: wait
/// for its decision (<see cref="TaskDefinitionWaiters"/>), with neither a condition nor an event.
/// </summary>
/// <param name="Family">The task definition family waited for.</param>
public sealed record WorkloadRegistering(string Family) : WorkloadPreparation;
