using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Pods.Containers;

namespace EcsOnK8s.Translation.Security;

/// <summary>
/// The tenant trust model's arithmetic: an EcsCluster's spec.policy (written by a tenant) takes effect only as far as
/// the bound (the EcsClusterPolicies a cluster administrator wrote for its namespace) allows. Pure.
/// </summary>
public static class PolicyBounds
{
    /// <summary>The switches of <see cref="ClusterPolicy"/>, by their field name under spec.policy.</summary>
    private static readonly (string Field, Func<ClusterPolicy, bool?> Get, Action<ClusterPolicy, bool?> Set)[] s_switches =
    [
        ("allowPrivileged", p => p.AllowPrivileged, (p, v) => p.AllowPrivileged = v),
        ("allowHostNetwork", p => p.AllowHostNetwork, (p, v) => p.AllowHostNetwork = v),
        ("allowHostPID", p => p.AllowHostPID, (p, v) => p.AllowHostPID = v),
        ("allowHostIPC", p => p.AllowHostIPC, (p, v) => p.AllowHostIPC = v),
        ("allowHostPath", p => p.AllowHostPath, (p, v) => p.AllowHostPath = v),
        ("allowHostPorts", p => p.AllowHostPorts, (p, v) => p.AllowHostPorts = v),
        ("allowUnconfined", p => p.AllowUnconfined, (p, v) => p.AllowUnconfined = v),
    ];

    /// <summary>
    /// What any of <paramref name="policies"/> allows (several EcsClusterPolicies selecting one namespace add up).
    /// None: everything denied.
    /// </summary>
    public static ClusterPolicy Union(IEnumerable<ClusterPolicy?> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var union = new ClusterPolicy();
        var capabilities = new List<string>();
        var sysctls = new List<string>();
        foreach (var policy in policies)
        {
            if (policy is null)
            {
                continue;
            }

            foreach (var (_, get, set) in s_switches)
            {
                if (get(policy) == true)
                {
                    set(union, true);
                }
            }

            capabilities.AddRange(policy.AllowedCapabilities ?? []);
            sysctls.AddRange(policy.AllowedUnsafeSysctls ?? []);
        }

        union.AllowedCapabilities = capabilities.Count == 0 ? null : [.. capabilities.Distinct(StringComparer.Ordinal)];
        union.AllowedUnsafeSysctls = sysctls.Count == 0 ? null : [.. sysctls.Distinct(StringComparer.Ordinal)];
        return union;
    }

    /// <summary>
    /// The policy in force: <paramref name="requested"/> cut down to <paramref name="bound"/>; <paramref name="requested"/>
    /// itself when there is no bound (offline conversion).
    /// </summary>
    public static ClusterPolicy Effective(ClusterPolicy? requested, ClusterPolicy? bound)
    {
        requested ??= new ClusterPolicy();
        if (bound is null)
        {
            return requested;
        }

        var effective = new ClusterPolicy();
        foreach (var (_, get, set) in s_switches)
        {
            set(effective, get(requested) == true && get(bound) == true ? true : null);
        }

        var capabilities = (requested.AllowedCapabilities ?? []).Where(c => CapabilityWithin(c, bound)).ToList();
        effective.AllowedCapabilities = capabilities.Count == 0 ? null : capabilities;
        var sysctls = (requested.AllowedUnsafeSysctls ?? []).Where(s => SysctlWithin(s, bound)).ToList();
        effective.AllowedUnsafeSysctls = sysctls.Count == 0 ? null : sysctls;
        return effective;
    }

    /// <summary>
    /// Each part of <paramref name="requested"/> that <paramref name="bound"/> does not allow, as its path under
    /// spec.policy (e.g. <c>spec.policy.allowPrivileged</c>, <c>spec.policy.allowedCapabilities[1]</c>); empty when
    /// the request is within the bound.
    /// </summary>
    public static IReadOnlyList<string> Exceeding(ClusterPolicy? requested, ClusterPolicy bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        var exceeding = new List<string>();
        if (requested is null)
        {
            return exceeding;
        }

        foreach (var (field, get, _) in s_switches)
        {
            if (get(requested) == true && get(bound) != true)
            {
                exceeding.Add("spec.policy." + field);
            }
        }

        var capabilities = requested.AllowedCapabilities ?? [];
        for (var i = 0; i < capabilities.Count; i++)
        {
            if (!CapabilityWithin(capabilities[i], bound))
            {
                exceeding.Add($"spec.policy.allowedCapabilities[{i}] ({capabilities[i]})");
            }
        }

        var sysctls = requested.AllowedUnsafeSysctls ?? [];
        for (var i = 0; i < sysctls.Count; i++)
        {
            if (!SysctlWithin(sysctls[i], bound))
            {
                exceeding.Add($"spec.policy.allowedUnsafeSysctls[{i}] ({sysctls[i]})");
            }
        }

        return exceeding;
    }

    /// <summary>Whether <paramref name="policy"/> allows the switch named <paramref name="field"/> (e.g. allowPrivileged).</summary>
    public static bool Allows(ClusterPolicy? policy, string field) =>
        policy is not null && s_switches.Any(s => s.Field == field && s.Get(policy) == true);

    private static bool CapabilityWithin(string? capability, ClusterPolicy bound)
    {
        if (string.IsNullOrWhiteSpace(capability))
        {
            return false;
        }

        var allowed = (bound.AllowedCapabilities ?? []).Select(SecurityContextMapper.Capability).ToHashSet(StringComparer.Ordinal);
        return allowed.Contains("ALL") || allowed.Contains(SecurityContextMapper.Capability(capability));
    }

    private static bool SysctlWithin(string? entry, ClusterPolicy bound)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var trimmed = entry.Trim();
        if (!trimmed.EndsWith('*'))
        {
            return Sysctls.IsAllowed(trimmed, bound.AllowedUnsafeSysctls);
        }

        // A prefix is within the bound only when a prefix of the bound covers all of it.
        var prefix = Sysctls.Canonical(trimmed)[..^1];
        return (bound.AllowedUnsafeSysctls ?? []).Any(b => !string.IsNullOrWhiteSpace(b) && b.Trim().EndsWith('*')
            && prefix.StartsWith(Sysctls.Canonical(b.Trim())[..^1], StringComparison.Ordinal));
    }
}
