using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// What the containers of a task set for their whole pod, folded over the containers in definition order (the first
/// container wins where Kubernetes has one value per pod). The pod assembly reads it; nothing writes it afterwards.
/// </summary>
internal sealed record PodContributions
{
    public string? Hostname { get; init; }

    /// <summary>The largest stopTimeout over the containers, or null when none set one.</summary>
    public long? GracePeriod { get; init; }

    public required IReadOnlyList<string> DnsServers { get; init; }

    public required IReadOnlyList<string> DnsSearches { get; init; }

    /// <summary>extraHosts of every container, by IP (ordinal), each with its hostnames in first-seen order.</summary>
    public required IReadOnlyList<V1HostAlias> HostAliases { get; init; }

    public required IReadOnlyList<V1Sysctl> Sysctls { get; init; }

    /// <summary>Pod annotations from Docker labels and AppArmor profiles.</summary>
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>Container name → JSON of its log configuration (annotation).</summary>
    public required IReadOnlyDictionary<string, string> LogConfigurations { get; init; }

    /// <summary>Container name → JSON of its FireLens configuration (annotation).</summary>
    public required IReadOnlyDictionary<string, string> FireLens { get; init; }

    /// <summary>True when a container asked for an init process (the pod then shares one process namespace).</summary>
    public bool InitProcess { get; init; }
}
