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

    /// <inheritdoc/>
    public event Action<DiscoveredCapabilities>? IntegrationsChanged;

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

            return await RefreshOrKeepLockedAsync(current, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Discovers now, whatever the cache's age (the periodic check for installed or removed CRDs); the last known
    /// capabilities when that fails and some are known.
    /// </summary>
    public async Task<DiscoveredCapabilities> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshOrKeepLockedAsync(Current, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Discovers (under the gate); the <paramref name="current"/> capabilities when that fails and some are known.</summary>
    private async Task<DiscoveredCapabilities> RefreshOrKeepLockedAsync(DiscoveredCapabilities? current, CancellationToken cancellationToken)
    {
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

    private async Task<DiscoveredCapabilities> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var version = await _client.GetAsync<VersionInfo>("version", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /version returned nothing");
        var groups = await _client.GetAsync<ApiGroupList>("apis", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /apis returned nothing");

        var apiVersions = new HashSet<string>(StringComparer.Ordinal) { "v1" };
        foreach (var group in groups.Groups ?? [])
        {
            foreach (var v in group.Versions ?? [])
            {
                if (v.GroupVersion is { } gv)
                {
                    apiVersions.Add(gv);
                }
            }
        }

        var hpa = apiVersions.Contains("autoscaling/v2") ? "autoscaling/v2"
            : apiVersions.Contains("autoscaling/v2beta2") ? "autoscaling/v2beta2" : null;
        var cronJob = await FirstServingAsync(apiVersions, "cronjobs", cancellationToken, "batch/v1", "batch/v1beta1").ConfigureAwait(false);
        var pdb = await FirstServingAsync(apiVersions, "poddisruptionbudgets", cancellationToken, "policy/v1", "policy/v1beta1").ConfigureAwait(false);
        // The foreign controllers' CRDs: a group version listed in /apis can still lack the resource (a partial install).
        var keda = await FirstServingAsync(apiVersions, "scaledobjects", cancellationToken, "keda.sh/v1alpha1").ConfigureAwait(false);
        var kedaAuthentication = keda is null ? null : await FirstServingAsync(apiVersions, "triggerauthentications", cancellationToken, keda).ConfigureAwait(false);
        var targetGroupBinding = await FirstServingAsync(apiVersions, "targetgroupbindings", cancellationToken, "elbv2.k8s.aws/v1beta1").ConfigureAwait(false);
        var httpRoute = await FirstServingAsync(apiVersions, "httproutes", cancellationToken, "gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1").ConfigureAwait(false);
        var externalSecret = await FirstServingAsync(apiVersions, "externalsecrets", cancellationToken, "external-secrets.io/v1", "external-secrets.io/v1beta1").ConfigureAwait(false);

        var capabilities = new DiscoveredCapabilities
        {
            GitVersion = version.GitVersion ?? string.Empty,
            Major = LeadingNumber(version.Major),
            Minor = LeadingNumber(version.Minor),
            HorizontalPodAutoscalerApiVersion = hpa,
            CronJobApiVersion = cronJob,
            PodDisruptionBudgetApiVersion = pdb,
            ExternalSecretApiVersion = externalSecret,
            KedaApiVersion = kedaAuthentication,
            TargetGroupBindingApiVersion = targetGroupBinding,
            HttpRouteApiVersion = httpRoute,
            ApiVersions = apiVersions,
        };
        var previous = Current;
        Volatile.Write(ref _current, capabilities);
        _discoveredAt = _time.GetUtcNow();
        if (previous is not null && previous.Integrations != capabilities.Integrations)
        {
            LogIntegrationsChanged(_logger, capabilities.KedaApiVersion, capabilities.TargetGroupBindingApiVersion, capabilities.HttpRouteApiVersion, capabilities.ExternalSecretApiVersion, capabilities.PodDisruptionBudgetApiVersion);
            IntegrationsChanged?.Invoke(capabilities);
        }

        LogDiscovered(_logger, capabilities.GitVersion, hpa, cronJob, pdb, externalSecret, kedaAuthentication, targetGroupBinding, httpRoute);
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

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Cluster {Version}: HPA {Hpa}, CronJob {CronJob}, PDB {Pdb}, ExternalSecret {ExternalSecret}, KEDA {Keda}, TargetGroupBinding {TargetGroupBinding}, HTTPRoute {HttpRoute}")]
    private static partial void LogDiscovered(
        ILogger logger, string version, string? hpa, string? cronJob, string? pdb, string? externalSecret, string? keda, string? targetGroupBinding, string? httpRoute);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Installed integrations changed: KEDA {Keda}, TargetGroupBinding {TargetGroupBinding}, HTTPRoute {HttpRoute}, ExternalSecret {ExternalSecret}, PDB {Pdb}; rendering again")]
    private static partial void LogIntegrationsChanged(ILogger logger, string? keda, string? targetGroupBinding, string? httpRoute, string? externalSecret, string? pdb);

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
        [JsonPropertyName("versions")]
        public List<GroupVersionEntry>? Versions { get; set; }
    }

    private sealed class GroupVersionEntry
    {
        [JsonPropertyName("groupVersion")]
        public string? GroupVersion { get; set; }
    }
}
