using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Security;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The tenant trust model's bound on a namespace: what the EcsClusterPolicies that select it allow, together. None:
/// every privilege denied, whatever the namespace's EcsClusters say.
/// </summary>
public static class PolicyBoundResolver
{
    /// <summary>The bound on the EcsClusters of <paramref name="namespace"/>, from the cached policies and namespaces.</summary>
    public static ClusterPolicy BoundFor(EcsInformers informers, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(informers);
        var labels = informers.NamespaceLabels(@namespace);
        return BoundFor(informers.ClusterPolicies.Store.List(), @namespace, labels);
    }

    /// <summary>The bound on <paramref name="namespace"/> (labelled <paramref name="labels"/>) from <paramref name="policies"/>.</summary>
    public static ClusterPolicy BoundFor(IEnumerable<EcsClusterPolicy> policies, string @namespace, IDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return PolicyBounds.Union(policies
            .Where(p => p.Metadata.DeletionTimestamp is null && Selects(p.Spec, @namespace, labels) && ClusterPolicyValidator.Validate(p.Spec).Count == 0)
            .Select(p => p.Spec.Allow));
    }

    /// <summary>
    /// The least Pod Security level of <paramref name="namespace"/>'s pods and what set it: restricted where the
    /// namespace's Pod Security admission label enforces it (pods below it would be refused anyway) or an
    /// EcsClusterPolicy selecting it sets podSecurity restricted; (null, null) otherwise.
    /// </summary>
    public static (string? Level, string? Source) PodSecurityFloorFor(EcsInformers informers, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(informers);
        var labels = informers.NamespaceLabels(@namespace);
        return PodSecurityFloorFor(informers.ClusterPolicies.Store.List(), @namespace, labels);
    }

    /// <summary>The floor of <paramref name="namespace"/> (labelled <paramref name="labels"/>) from <paramref name="policies"/>.</summary>
    public static (string? Level, string? Source) PodSecurityFloorFor(IEnumerable<EcsClusterPolicy> policies, string @namespace, IDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (labels is not null && labels.TryGetValue(PodSecurityLevels.EnforceLabel, out var enforced) && enforced == PodSecurityLevels.Restricted)
        {
            return (PodSecurityLevels.Restricted, $"namespace {@namespace} label {PodSecurityLevels.EnforceLabel}");
        }

        // Even an invalid policy's floor holds: failing closed costs a refusal, failing open a privilege.
        var floor = policies
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Spec.PodSecurity == PodSecurityLevels.Restricted && Selects(p.Spec, @namespace, labels))
            .Select(p => p.Metadata.Name)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return floor is null ? (null, null) : (PodSecurityLevels.Restricted, $"EcsClusterPolicy {floor} spec.podSecurity");
    }

    /// <summary>
    /// Whether a policy applies to a namespace: named in spec.namespaces ('*' for all), or matched by
    /// spec.namespaceSelector. A policy with neither selects nothing (deny-all stays the default).
    /// </summary>
    public static bool Selects(EcsClusterPolicySpec spec, string @namespace, IDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Namespaces?.Any(n => n == "*" || n == @namespace) == true)
        {
            return true;
        }

        return spec.NamespaceSelector is { } selector && Matches(selector, labels ?? new Dictionary<string, string>());
    }

    private static bool Matches(PolicyNamespaceSelector selector, IDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var has = requirement.Key is not null && labels.TryGetValue(requirement.Key, out var actual) ? actual : null;
            var values = requirement.Values ?? [];
            var met = requirement.Operator switch
            {
                "In" => has is not null && values.Contains(has),
                "NotIn" => has is null || !values.Contains(has),
                "Exists" => has is not null,
                "DoesNotExist" => has is null,

                // An operator the schema would have refused: select nothing rather than too much.
                _ => false,
            };
            if (!met)
            {
                return false;
            }
        }

        return true;
    }
}
