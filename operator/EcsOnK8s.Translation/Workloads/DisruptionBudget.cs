using System.Globalization;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// A REPLICA service's deploymentConfiguration.minimumHealthyPercent while nodes drain, as ECS honours it when
/// container instances drain: a PodDisruptionBudget with minAvailable minimumHealthyPercent% over every task of the
/// service (all its Deployments). minAvailable rather than maxUnavailable because both ECS and the disruption
/// controller round a percentage of minAvailable up (ceil(desired × percent / 100) tasks stay), where
/// maxUnavailable (100 − percent)% would round the unavailable count up and keep one task fewer than ECS.
/// No budget where it would block every eviction (minAvailable would be the whole desired count: 100%, or any
/// percentage above 0 of a single task) or protects nothing (0%): ECS drains such a service by starting the
/// replacement first, which an eviction cannot do. Reported either way; an unset minimumHealthyPercent (ECS's
/// default, 100) renders none and says nothing.
/// </summary>
public static class DisruptionBudget
{
    /// <summary>Whether a budget is rendered, and the report's disposition and reason either way.</summary>
    public sealed record Plan(bool Renders, int Percent, Disposition Disposition, string Reason);

    /// <summary>The decision for <paramref name="minimumHealthyPercent"/> of <paramref name="desiredCount"/> tasks.</summary>
    public static Plan Decide(int minimumHealthyPercent, int desiredCount, string name, string apiVersion)
    {
        var percent = Math.Clamp(minimumHealthyPercent, 0, 100);
        if (percent == 0)
        {
            return new Plan(false, percent, Disposition.Mapped, "no PodDisruptionBudget: 0% lets a drain evict every task (as ECS stops them all)");
        }

        if (desiredCount <= 0)
        {
            return new Plan(false, percent, Disposition.Mapped, "no PodDisruptionBudget while the desired count is 0: no task to keep");
        }

        // The disruption controller's rounding: ceil(expected × percent / 100).
        var kept = (int)Math.Ceiling(desiredCount * percent / 100m);
        if (kept >= desiredCount)
        {
            return new Plan(
                false,
                percent,
                Disposition.Approximated,
                $"no PodDisruptionBudget: {percent}% of {desiredCount} desired task(s) keeps all {desiredCount} and would block every eviction; ECS starts replacements before stopping tasks on a draining instance, a Kubernetes drain evicts first");
        }

        return new Plan(true, percent, Disposition.Mapped, $"PodDisruptionBudget {name} ({apiVersion}) minAvailable {percent}%: a drain keeps at least {kept} of {desiredCount} task(s) running");
    }

    /// <summary>The budget of a plan that <see cref="Plan.Renders"/>: minAvailable percent% over the service's tasks.</summary>
    public static V1PodDisruptionBudget Build(
        Plan plan,
        string name,
        string ns,
        IReadOnlyDictionary<string, string> selector,
        IReadOnlyDictionary<string, string> labels,
        string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(selector);
        return new V1PodDisruptionBudget
        {
            ApiVersion = apiVersion,
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = WorkloadLabels.Copy(labels) },
            Spec = new V1PodDisruptionBudgetSpec
            {
                MinAvailable = plan.Percent.ToString(CultureInfo.InvariantCulture) + "%",
                Selector = new V1LabelSelector { MatchLabels = WorkloadLabels.Copy(selector) },
            },
        };
    }
}
