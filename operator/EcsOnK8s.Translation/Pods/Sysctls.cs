namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// Which sysctls a pod may set under the default deny-all policy: those Kubernetes deems safe (namespaced and
/// isolated from other pods) for the target version, on both of its lists: the Pod Security Standards' baseline
/// profile and the kubelet's safe set, which refuses the pod on the node otherwise. They agree but for
/// net.ipv4.ip_unprivileged_port_start, baseline from the start and the kubelet's from 1.22.
/// </summary>
internal static class Sysctls
{
    private static readonly (string Name, int SinceMinor)[] s_safe =
    [
        ("kernel.shm_rmid_forced", 0),
        ("net.ipv4.ip_local_port_range", 0),
        ("net.ipv4.tcp_syncookies", 0),
        ("net.ipv4.ping_group_range", 0),
        ("net.ipv4.ip_unprivileged_port_start", 22),
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_keepalive_intvl", 29),
        ("net.ipv4.tcp_keepalive_probes", 29),
        ("net.ipv4.tcp_rmem", 32),
        ("net.ipv4.tcp_wmem", 32),
    ];

    /// <summary>True when Kubernetes 1.<paramref name="minor"/> deems <paramref name="name"/> safe.</summary>
    public static bool IsSafe(string name, int minor)
    {
        var canonical = Canonical(name);
        return s_safe.Any(s => s.SinceMinor <= minor && s.Name == canonical);
    }

    /// <summary>
    /// True when a policy entry allows <paramref name="name"/>: the same name, or a prefix ending in '*' as the
    /// kubelet's --allowed-unsafe-sysctls takes it.
    /// </summary>
    public static bool IsAllowed(string name, IEnumerable<string>? allowed)
    {
        var canonical = Canonical(name);
        foreach (var entry in allowed ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            var pattern = Canonical(entry.Trim());
            if (pattern.EndsWith('*')
                ? canonical.StartsWith(pattern[..^1], StringComparison.Ordinal)
                : canonical == pattern)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The dotted form of a sysctl name. Kubernetes also takes '/' as the separator (net/ipv4/ip_forward), with
    /// '.' then standing for a literal dot in a segment (net/ipv4/conf/eth0.1/forwarding); comparing the slashed
    /// form as written would let a name past the list that the node reads as a listed one.
    /// </summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var first = name.AsSpan().IndexOfAny('.', '/');
        if (first < 0 || name[first] == '.')
        {
            return name;
        }

        return string.Create(name.Length, name, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] switch
                {
                    '/' => '.',
                    '.' => '/',
                    var c => c,
                };
            }
        });
    }
}
