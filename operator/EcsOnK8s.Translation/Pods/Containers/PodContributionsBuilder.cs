using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// The fold behind <see cref="PodContributions"/>: the container mappers add to it one container at a time, and the
/// pod assembly reads only the record <see cref="Build"/> returns.
/// </summary>
internal sealed class PodContributionsBuilder
{
    private readonly List<string> _dnsServers = [];
    private readonly List<string> _dnsSearches = [];
    private readonly SortedDictionary<string, List<string>> _hostAliases = new(StringComparer.Ordinal);
    private readonly List<V1Sysctl> _sysctls = [];
    private readonly Dictionary<string, string> _annotations = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _logConfigurations = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _fireLens = new(StringComparer.Ordinal);
    private long? _gracePeriod;
    private bool _initProcess;

    /// <summary>The pod hostname, set by the first container that names one.</summary>
    public string? Hostname { get; private set; }

    /// <summary>Name of the first container that set DNS settings (a later different one is an approximation).</summary>
    public string? DnsOwner { get; private set; }

    public IReadOnlyList<string> DnsServers => _dnsServers;

    public IReadOnlyList<string> DnsSearches => _dnsSearches;

    /// <summary>Sets the pod hostname unless an earlier container did; true when this one set it.</summary>
    public bool ClaimHostname(string hostname)
    {
        if (Hostname is not null)
        {
            return false;
        }

        Hostname = hostname;
        return true;
    }

    /// <summary>The grace period is per pod: the largest stop timeout over the containers.</summary>
    public void ExtendGracePeriod(long seconds) => _gracePeriod = Math.Max(_gracePeriod ?? 0, seconds);

    /// <summary>Adds a container's DNS settings to the pod's (a union, in first-seen order).</summary>
    public void AddDns(string containerName, List<string> servers, List<string> searches)
    {
        DnsOwner ??= containerName;
        AddMissing(_dnsServers, servers);
        AddMissing(_dnsSearches, searches);
    }

    public void AddHostAlias(string ipAddress, string hostname)
    {
        if (!_hostAliases.TryGetValue(ipAddress, out var hostnames))
        {
            _hostAliases[ipAddress] = hostnames = [];
        }

        if (!hostnames.Contains(hostname))
        {
            hostnames.Add(hostname);
        }
    }

    /// <summary>The sysctl an earlier container set under <paramref name="name"/>, if any.</summary>
    public V1Sysctl? FindSysctl(string name)
    {
        foreach (var sysctl in _sysctls)
        {
            if (sysctl.Name == name)
            {
                return sysctl;
            }
        }

        return null;
    }

    public void AddSysctl(string name, string value) => _sysctls.Add(new V1Sysctl { Name = name, Value = value });

    public bool TryGetAnnotation(string key, out string? value) => _annotations.TryGetValue(key, out value);

    public void SetAnnotation(string key, string value) => _annotations[key] = value;

    public void SetLogConfiguration(string containerName, string json) => _logConfigurations[containerName] = json;

    public void SetFireLens(string containerName, string json) => _fireLens[containerName] = json;

    public void EnableInitProcess() => _initProcess = true;

    /// <summary>The record the pod assembly reads; the builder is done with once it is built.</summary>
    public PodContributions Build()
    {
        // The collections are handed over, not copied: one fold per render, and nothing adds to them afterwards.
        var hostAliases = new List<V1HostAlias>(_hostAliases.Count);
        foreach (var (ipAddress, hostnames) in _hostAliases)
        {
            hostAliases.Add(new V1HostAlias { Ip = ipAddress, Hostnames = hostnames });
        }

        return new PodContributions
        {
            Hostname = Hostname,
            GracePeriod = _gracePeriod,
            DnsServers = _dnsServers,
            DnsSearches = _dnsSearches,
            HostAliases = hostAliases,
            Sysctls = _sysctls,
            Annotations = _annotations,
            LogConfigurations = _logConfigurations,
            FireLens = _fireLens,
            InitProcess = _initProcess,
        };
    }

    private static void AddMissing(List<string> target, List<string> entries)
    {
        foreach (var entry in entries)
        {
            if (!target.Contains(entry))
            {
                target.Add(entry);
            }
        }
    }
}
