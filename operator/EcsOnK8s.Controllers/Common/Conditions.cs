using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Condition bookkeeping with Kubernetes semantics: lastTransitionTime moves only when status changes.</summary>
public static class Conditions
{
    public static List<Condition> Set(
        IReadOnlyList<Condition>? existing, string type, bool status, string reason, string message, long? generation, DateTime now)
    {
        var result = existing?.Where(c => c.Type != type).ToList() ?? [];
        var previous = existing?.FirstOrDefault(c => c.Type == type);
        var statusText = status ? "True" : "False";
        result.Add(new Condition
        {
            Type = type,
            Status = statusText,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = previous?.Status == statusText && previous.LastTransitionTime is not null
                ? previous.LastTransitionTime
                : now,
        });
        return [.. result.OrderBy(c => c.Type, StringComparer.Ordinal)];
    }

    /// <summary>Ready=False with the reason; Degraded=True with it too when the user must act, else Degraded=False.</summary>
    public static List<Condition> NotReady(
        IReadOnlyList<Condition>? existing, string reason, string message, bool degraded, long? generation, DateTime now)
    {
        var conditions = Set(existing, ConditionTypes.Ready, false, reason, message, generation, now);
        return Set(conditions, ConditionTypes.Degraded, degraded, degraded ? reason : ConditionReasons.Reconciled,
            degraded ? message : "No problems.", generation, now);
    }

    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == "True";
}
