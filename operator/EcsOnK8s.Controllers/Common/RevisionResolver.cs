using EcsOnK8s.Api;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Resolves what a service, task or schedule names as its task definition to a registered revision, from the
/// caches: <c>family</c> is the latest ACTIVE revision, <c>family:n</c> that revision (refused when INACTIVE, unless
/// the workload already runs it).
/// </summary>
public static class RevisionResolver
{
    /// <summary>
    /// Resolves <paramref name="taskDefinition"/>, named by the field at path <paramref name="field"/> (messages name
    /// it as the user wrote it), for the <paramref name="workload"/> ("service", "task", "schedule").
    /// </summary>
    public static RevisionResolution Resolve(
        EcsInformers informers, V1ObjectMeta owner, string? taskDefinition, string field, string workload, Func<string, bool> alreadyRunning)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(alreadyRunning);
        var reference = TaskDefinitionReference.Parse(taskDefinition, out var parseError);
        if (reference is null)
        {
            return RevisionResolution.Fail(ConditionReasons.InvalidSpec, $"{field} {parseError}", degraded: true);
        }

        var ns = owner.NamespaceProperty;
        var td = informers.TaskDefinitions.Store.ByIndex(EcsInformers.FamilyIndex, EcsInformers.Scoped(owner, reference.Family))
            .OrderBy(t => t.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (td is null)
        {
            return RevisionResolution.Fail(ConditionReasons.TaskDefinitionNotFound,
                $"task definition family '{reference.Family}' does not exist in namespace '{ns}'; the {workload} waits for it.", degraded: false);
        }

        var revisions = informers.Revisions.Store.ByIndex(EcsInformers.FamilyIndex, EcsInformers.Scoped(owner, reference.Family))
            .Where(r => r.Metadata.OwnerReferences?.Any(o => o.Uid == td.Metadata.Uid) == true)
            .OrderBy(r => r.Revision ?? 0)
            .ToList();
        var inactive = td.Spec.InactiveRevisions ?? [];
        var registering = td.Status?.ObservedGeneration != td.Metadata.Generation;
        V1ControllerRevision? chosen;
        if (reference.Revision is { } pinned)
        {
            chosen = revisions.FirstOrDefault(r => TaskDefinitionRevisions.Number(r) == pinned);
            if (chosen is null)
            {
                var latest = revisions.Count == 0 ? "none" : TaskDefinitionRevisions.Number(revisions[^1]).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return RevisionResolution.Fail(ConditionReasons.RevisionNotFound,
                    $"task definition {reference} is not registered (latest is {latest}); the {workload} waits for it.", degraded: false, registering);
            }

            if (inactive.Contains(pinned) && !alreadyRunning(reference.ToString()))
            {
                return RevisionResolution.Fail(ConditionReasons.RevisionInactive,
                    $"task definition {reference} is INACTIVE (deregistered): what already runs it keeps it, nothing new can start it.", degraded: true);
            }
        }
        else
        {
            chosen = revisions.LastOrDefault(r => !inactive.Contains(TaskDefinitionRevisions.Number(r)));
            if (chosen is null)
            {
                return RevisionResolution.Fail(ConditionReasons.TaskDefinitionNotFound,
                    $"task definition family '{reference.Family}' has no ACTIVE revision yet; the {workload} waits for one.", degraded: false, registering);
            }
        }

        string? unregistered = null;
        if (reference.Revision is null && !registering
            && Conditions.Find(td.Status?.Conditions, ConditionTypes.Degraded) is { Status: "True", Reason: ConditionReasons.InvalidSpec } refused)
        {
            unregistered = $"the current spec of task definition {td.Metadata.Name} is not registered ({refused.Message}); " +
                $"{reference.Family}:{TaskDefinitionRevisions.Number(chosen)} stays the latest revision.";
        }

        return new RevisionResolution(reference.Family, chosen, revisions, null, null, false)
        {
            Unregistered = unregistered,
            Unconfirmed = reference.Revision is null && registering,
        };
    }
}
