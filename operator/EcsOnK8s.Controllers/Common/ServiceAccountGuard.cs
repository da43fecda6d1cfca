using EcsOnK8s.Api;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Keeps tasks off ServiceAccounts EcsOnK8s did not create. A task role renders as a ServiceAccount named after the
/// role; applying it onto an account someone else made (the namespace's "default", the operator's own, one bound to
/// cluster-wide rights) would adopt that account and run the tasks with its rights. Such a collision refuses the
/// render before any child is written.
/// </summary>
public static class ServiceAccountGuard
{
    /// <summary>
    /// The refusal (reason and message, the message naming the field that named the account) when a ServiceAccount
    /// of <paramref name="rendered"/> exists in the namespace without EcsOnK8s's managed-by label; null when every
    /// one is absent or EcsOnK8s's own.
    /// </summary>
    public static async Task<(string Reason, string Message)?> FindCollisionAsync(
        ChildApplier applier, RenderResult rendered, string? @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(rendered);
        foreach (var account in rendered.Objects.OfType<V1ServiceAccount>())
        {
            var key = new ObjectKey(account.Metadata.NamespaceProperty ?? @namespace ?? string.Empty, account.Metadata.Name);
            var live = await applier.GetAsync(ResourceTypes.ServiceAccount, key, cancellationToken).ConfigureAwait(false);
            if (IsForeign(live))
            {
                var field = rendered.Report.OriginOf(account.Kind ?? "ServiceAccount", account.Metadata.Name) ?? "taskRoleArn";
                return (ConditionReasons.ServiceAccountConflict,
                    $"{field}: ServiceAccount {key.Name} already exists in namespace {key.Namespace} and was not created by EcsOnK8s; " +
                    "tasks are never bound to a ServiceAccount EcsOnK8s does not own (use a task role with another name)");
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="live"/> exists and EcsOnK8s did not create it: it lacks the managed-by label the
    /// applier puts on everything it writes.
    /// </summary>
    public static bool IsForeign(IKubernetesObject<V1ObjectMeta>? live)
    {
        if (live is null)
        {
            return false;
        }

        string? managedBy = null;
        live.Metadata?.Labels?.TryGetValue(WellKnownLabels.ManagedBy, out managedBy);
        return managedBy != WellKnownLabels.ManagedByValue;
    }
}
