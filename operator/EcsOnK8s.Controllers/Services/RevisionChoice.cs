using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Services;

/// <summary>
/// Which revision a service renders: the one it asks for, unless the deployment circuit breaker marked that
/// revision FAILED and rollback is on, in which case the service stays on the revision it last completed until the
/// request changes.
/// </summary>
public static class RevisionChoice
{
    public static string Choose(string requested, EcsServiceStatus? previous, bool rollback)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var deployments = previous?.Deployments;
        if (!rollback || deployments is null)
        {
            return requested;
        }

        var requestedFailed = deployments.Any(d => d.TaskDefinition == requested && d.RolloutState == ServiceStatusCalculator.Failed);
        if (!requestedFailed)
        {
            return requested;
        }

        var primary = deployments.FirstOrDefault(d => d.Status == ServiceStatusCalculator.Primary);
        if (primary?.TaskDefinition is { } running && running != requested)
        {
            return running;
        }

        var completed = deployments.FirstOrDefault(d =>
            d.TaskDefinition != requested && d.RolloutState == ServiceStatusCalculator.Completed);
        return completed?.TaskDefinition ?? requested;
    }
}
