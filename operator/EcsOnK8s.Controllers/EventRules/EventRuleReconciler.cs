using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Controllers.EventRules;

/// <summary>
/// Reports an EcsEventRule: Ready/Degraded from its validation (an invalid pattern or target names the field and the
/// reason and nothing is delivered), and the delivery's counts per target, last error and newest dead letters. The
/// delivery queues the rule after a change at most once per write interval, so status is written about once a
/// second while events flow, never once per event.
/// </summary>
public sealed class EventRuleReconciler(
    EcsInformers informers, IChildWriter writer, IEventRecorder events, EventDispatcher dispatcher, TimeProvider time) : IReconciler<EcsEventRule>
{
    /// <summary>How long after the invocation cap refused an event the rule stays Degraded.</summary>
    public static readonly TimeSpan CapWindow = TimeSpan.FromMinutes(1);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var rule = informers.EventRules.Store.Get(key);
        if (rule is null || rule.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var generation = rule.Metadata.Generation;
        var status = StatusWriter.CopyOf(rule.Status);
        status.ObservedGeneration = generation;
        var (compiled, errors) = EventRuleCompiler.Compile(rule, dispatcher.Options);
        if (compiled is null)
        {
            var reason = errors.Any(e => e.StartsWith("spec.eventPattern", StringComparison.Ordinal))
                ? ConditionReasons.InvalidEventPattern
                : ConditionReasons.InvalidSpec;
            return await writer.WriteNotReadyAsync(events, rule, status, reason, string.Join("; ", errors), degraded: true, now, cancellationToken)
                .ConfigureAwait(false);
        }

        var state = dispatcher.StateOf(rule.Metadata.Uid);
        state.Seed(rule.Status);
        status.Targets = state.TargetStatuses(compiled.Targets.Select(t => t.Id));
        status.LastError = state.LastError;
        var deadLetters = state.DeadLetters();
        status.DeadLetters = deadLetters.Count == 0 ? null : deadLetters;

        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Ready, true,
            compiled.Enabled ? ConditionReasons.Reconciled : ConditionReasons.RuleDisabled,
            compiled.Enabled ? $"{compiled.Targets.Count} targets; the pattern is valid." : "The rule is DISABLED: it matches no event.",
            generation, now);
        var capSince = state.CapReachedAt is { } capped ? time.GetUtcNow() - capped : (TimeSpan?)null;
        var capRecent = capSince is { } since && since < CapWindow;
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, capRecent,
            capRecent ? ConditionReasons.InvocationCapReached : ConditionReasons.Reconciled,
            capRecent
                ? $"The cap of {compiled.MaxInvocationsPerMinute} invocations per minute was reached: events beyond it are dead letters."
                : "No problems.",
            generation, now);

        await writer.WriteStatusAsync(rule, status, cancellationToken).ConfigureAwait(false);
        return capRecent ? ReconcileResult.RequeueAfter(CapWindow - capSince!.Value + TimeSpan.FromSeconds(1)) : ReconcileResult.Done;
    }
}
