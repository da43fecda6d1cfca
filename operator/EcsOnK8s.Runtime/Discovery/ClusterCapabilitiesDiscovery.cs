using System.Text.Json.Serialization;
using EcsOnK8s.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Runtime.Discovery;

/// <summary>
/// Discovers <see cref="DiscoveredCapabilities"/> (<c>/version</c>, <c>/api</c>, <c>/apis</c> and the resource lists
/// of the groups that matter), caches them, and discovers again when the cache is older than the refresh interval.
/// When a refresh fails the last known capabilities are kept.
/// </summary>
public sealed partial class ClusterCapabilitiesDiscovery : ICapabilitiesSource, IDisposable
{
    private readonly KubernetesRestClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DiscoveredCapabilities? _current;
    private DateTimeOffset _discoveredAt;

    /// <param name="client">REST client.</param>
    /// <param name="refreshInterval">Age after which <see cref="GetAsync"/> discovers again; 5 minutes when null.</param>
    /// <param name="timeProvider">Clock; the system clock when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    public ClusterCapabilitiesDiscovery(KubernetesRestClient client, TimeSpan? refreshInterval = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        RefreshInterval = refreshInterval ?? TimeSpan.FromMinutes(5);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public TimeSpan RefreshInterval { get; }

    /// <summary>The last discovered capabilities, or null before the first discovery.</summary>
    public DiscoveredCapabilities? Current => Volatile.Read(ref _current);

    /// <summary>The cached capabilities, discovered again when older than <see cref="RefreshInterval"/>.</summary>
    public async Task<DiscoveredCapabilities> GetAsync(CancellationToken cancellationToken)
    {
        var current = Current;
        if (current is not null && _time.GetUtcNow() - _discoveredAt < RefreshInterval)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Current;
            if (current is not null && _time.GetUtcNow() - _discoveredAt < RefreshInterval)
            {
                return current;
            }

            try
            {
                return await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (current is not null && e is not OperationCanceledException)
            {
                LogRefreshFailed(_logger, e);
                return current;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<DiscoveredCapabilities> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var version = await _client.GetAsync<VersionInfo>("version", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /version returned nothing");
        var groups = await _client.GetAsync<ApiGroupList>("apis", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /apis returned nothing");

        var apiVersions = new HashSet<string>(StringComparer.Ordinal) { "v1" };
        var preferred = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups.Groups ?? [])
        {
            foreach (var v in group.Versions ?? [])
            {
                if (v.GroupVersion is { } gv)
                {
                    apiVersions.Add(gv);
                }
            }

            if (group.Name is { } name && group.PreferredVersion?.GroupVersion is { } pv)
            {
                preferred[name] = pv;
            }
        }

        var hpa = apiVersions.Contains("autoscaling/v2") ? "autoscaling/v2"
            : apiVersions.Contains("autoscaling/v2beta2") ? "autoscaling/v2beta2" : null;
        var cronJob = await FirstServingAsync(apiVersions, "cronjobs", cancellationToken, "batch/v1", "batch/v1beta1").ConfigureAwait(false);
        var pdb = await FirstServingAsync(apiVersions, "poddisruptionbudgets", cancellationToken, "policy/v1", "policy/v1beta1").ConfigureAwait(false);
        string? externalSecret = null;
        if (preferred.TryGetValue("external-secrets.io", out var esPreferred))
        {
            string[] candidates = [esPreferred, .. apiVersions.Where(v => v.StartsWith("external-secrets.io/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            externalSecret = await FirstServingAsync(apiVersions, "externalsecrets", cancellationToken, candidates).ConfigureAwait(false);
        }

        var capabilities = new DiscoveredCapabilities
        {
            GitVersion = version.GitVersion ?? string.Empty,
            Major = LeadingNumber(version.Major),
            Minor = LeadingNumber(version.Minor),
            HorizontalPodAutoscalerApiVersion = hpa,
            CronJobApiVersion = cronJob,
            PodDisruptionBudgetApiVersion = pdb,
            ExternalSecretApiVersion = externalSecret,
            ApiVersions = apiVersions,
        };
        Volatile.Write(ref _current, capabilities);
        _discoveredAt = _time.GetUtcNow();
        LogDiscovered(_logger, capabilities.GitVersion, hpa, cronJob, pdb, externalSecret);
        return capabilities;
    }

    private async Task<string?> FirstServingAsync(HashSet<string> apiVersions, string resource, CancellationToken cancellationToken, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!apiVersions.Contains(candidate))
            {
                continue;
            }

            // A group version can exist without the resource: batch/v1 serves jobs but cronjobs only from 1.21.
            var list = await _client.GetAsync<ResourceTypeResolver.ApiResourceList>($"apis/{candidate}", cancellationToken).ConfigureAwait(false);
            if (list?.Resources?.Any(r => r.Name == resource) == true)
            {
                return candidate;
            }
        }

        return null;
    }

    private static int LeadingNumber(string? text)
    {
        var digits = new string((text ?? string.Empty).TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var value) ? value : 0;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Cluster {Version}: HPA {Hpa}, CronJob {CronJob}, PDB {Pdb}, ExternalSecret {ExternalSecret}")]
    private static partial void LogDiscovered(ILogger logger, string version, string? hpa, string? cronJob, string? pdb, string? externalSecret);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Discovery failed; keeping the last known capabilities")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed class VersionInfo
    {
        [JsonPropertyName("major")]
        public string? Major { get; set; }

        [JsonPropertyName("minor")]
        public string? Minor { get; set; }

        [JsonPropertyName("gitVersion")]
        public string? GitVersion { get; set; }
    }

    private sealed class ApiGroupList
    {
        [JsonPropertyName("groups")]
        public List<ApiGroup>? Groups { get; set; }
    }

    private sealed class ApiGroup
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("versions")]
        public List<GroupVersionEntry>? Versions { get; set; }

        [JsonPropertyName("preferredVersion")]
        public GroupVersionEntry? PreferredVersion { get; set; }
    }

    private sealed class GroupVersionEntry
    {
        [JsonPropertyName("groupVersion")]
        public string? GroupVersion { get; set; }
    }
}
