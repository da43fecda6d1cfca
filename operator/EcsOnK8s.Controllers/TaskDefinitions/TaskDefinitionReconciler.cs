using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s.Models;

namespace EcsOnK8s.Controllers.TaskDefinitions;

/// <summary>
/// Registers task definition revisions: validates the spec (as ECS would, and its pod template as this cluster's API
/// server would), and when its normalised content differs from the latest revision, stores a new immutable
/// ControllerRevision numbered one above it; an invalid spec registers nothing and says which field is wrong. Status lists the revisions with
/// ACTIVE/INACTIVE (spec.inactiveRevisions deregisters) and the translation summary.
/// </summary>
public sealed class TaskDefinitionReconciler(
    EcsInformers informers, IChildWriter applier, IEventRecorder events, ICapabilitiesSource discovery, TimeProvider time)
    : IReconciler<EcsTaskDefinition>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var td = informers.TaskDefinitions.Store.Get(key);
        if (td is null || td.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var family = EcsInformers.EffectiveFamily(td);
        var revisions = RevisionsOf(td, family);
        var status = new EcsTaskDefinitionStatus { ObservedGeneration = td.Metadata.Generation };

        var capabilities = CapabilitiesMapping.ToTranslation(await discovery.GetAsync(cancellationToken).ConfigureAwait(false));
        var validation = TaskDefinitionValidator.Validate(td, family, capabilities);
        status.Translation = validation.Summary;
        if (validation.Error is not null)
        {
            status.Conditions = Conditions.Set(td.Status?.Conditions, ConditionTypes.Ready, false, ConditionReasons.InvalidSpec, validation.Error, td.Metadata.Generation, now);
            status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, true, ConditionReasons.InvalidSpec, validation.Error, td.Metadata.Generation, now);
            FillRevisions(status, td, family, revisions);
            if (await applier.WriteStatusAsync(td, status, cancellationToken).ConfigureAwait(false))
            {
                events.Record(td, EcsEvents.InvalidSpec, validation.Error);
            }

            return ReconcileResult.TerminalError(ConditionReasons.InvalidSpec);
        }

        var normalized = TaskDefinitionNormalizer.Normalize(td.Spec, td.Metadata.Name);
        var latest = revisions.Count == 0 ? null : revisions[^1];
        if (latest is null || HashOf(latest) != normalized.Hash)
        {
            var number = (latest is null ? 0 : TaskDefinitionRevisions.Number(latest)) + 1;
            var revision = BuildRevision(td, family, number, normalized);
            ApplyResult applied;
            try
            {
                applied = await applier.ApplyAsync(revision, td, shared: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RenderedChildren.FailureOf(revision, e) is { Degrades: true } failure)
            {
                // A held name is checked again later; a revision the API server refuses (its size, a value it cannot
                // store) waits for an edit of the spec instead of being sent again and again.
                status.Conditions = Conditions.Set(td.Status?.Conditions, ConditionTypes.Ready, false, failure.Reason, failure.Message, td.Metadata.Generation, now);
                status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, true, failure.Reason, failure.Message, td.Metadata.Generation, now);
                FillRevisions(status, td, family, revisions);
                if (await applier.WriteStatusAsync(td, status, cancellationToken).ConfigureAwait(false))
                {
                    events.Record(td, failure.FailureKind == ChildApplyFailureKind.NameConflict ? EcsEvents.ChildNameConflict : EcsEvents.ChildRejected, failure.Message);
                }

                return RenderedChildren.Outcome(failure, ReconcileResult.TerminalError(failure.Reason));
            }

            // The status lists the revision's creation time now, rather than in a second write when its watch event arrives.
            revision.Metadata.CreationTimestamp = applied.CreatedAt;
            revisions = [.. revisions, revision];
            events.Record(td, EcsEvents.RevisionRegistered, $"registered task definition {family}:{number}.");
        }

        FillRevisions(status, td, family, revisions);
        var message = $"{status.TaskDefinition} is the latest revision.";
        status.Conditions = Conditions.Set(td.Status?.Conditions, ConditionTypes.Ready, true, ConditionReasons.Reconciled, message, td.Metadata.Generation, now);
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, false, ConditionReasons.Reconciled, "No problems.", td.Metadata.Generation, now);
        await applier.WriteStatusAsync(td, status, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>The ControllerRevision name of a family revision: deterministic, so a retry after a crash reuses it.</summary>
    public static string RevisionName(string resourceName, long revision) =>
        $"{resourceName}-{revision.ToString(CultureInfo.InvariantCulture)}";

    private List<V1ControllerRevision> RevisionsOf(EcsTaskDefinition td, string family) =>
        [.. informers.Revisions.Store.ByIndex(EcsInformers.FamilyIndex, EcsInformers.Scoped(td.Metadata, family))
            .Where(r => r.Metadata.OwnerReferences?.Any(o => o.Uid == td.Metadata.Uid) == true)
            .OrderBy(r => r.Revision ?? 0)];

    private static string? HashOf(V1ControllerRevision revision) =>
        revision.Metadata.Annotation(WellKnownAnnotations.SpecHash);

    private static V1ControllerRevision BuildRevision(EcsTaskDefinition td, string family, int number, NormalizedTaskDefinition normalized) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ControllerRevision",
        Metadata = new V1ObjectMeta
        {
            Name = RevisionName(td.Metadata.Name, number),
            NamespaceProperty = td.Metadata.NamespaceProperty,
            Labels = new Dictionary<string, string>
            {
                [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
                [WellKnownLabels.Family] = family,
                [WellKnownLabels.Revision] = number.ToString(CultureInfo.InvariantCulture),
            },
            Annotations = new Dictionary<string, string> { [WellKnownAnnotations.SpecHash] = normalized.Hash },
        },
        Revision = number,
        Data = JsonDocument.Parse(normalized.CanonicalJson).RootElement.Clone(),
    };

    private static void FillRevisions(EcsTaskDefinitionStatus status, EcsTaskDefinition td, string family, List<V1ControllerRevision> revisions)
    {
        var inactive = td.Spec.InactiveRevisions ?? [];
        status.Revisions = [.. revisions.Select(r => new TaskDefinitionRevision
        {
            Revision = TaskDefinitionRevisions.Number(r),
            Hash = HashOf(r),
            Status = inactive.Contains(TaskDefinitionRevisions.Number(r)) ? "INACTIVE" : "ACTIVE",
            CreatedAt = r.Metadata.CreationTimestamp,
            ControllerRevision = r.Metadata.Name,
        })];
        if (revisions.Count > 0)
        {
            var latest = TaskDefinitionRevisions.Number(revisions[^1]);
            status.LatestRevision = latest;
            status.TaskDefinition = $"{family}:{latest}";
            status.TaskDefinitionArn = $"arn:ecsonk8s:ecs:{td.Metadata.NamespaceProperty}::task-definition/{family}:{latest}";
        }
    }
}
