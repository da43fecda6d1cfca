using System.Text;
using EcsOnK8s.Api;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// The access keys: Secrets labelled <c>ecsonk8s.io/ecs-api-key=true</c> in one namespace (the operator's own), read
/// with the operator's identity, which the chart lets read Secrets there and nowhere else. Listed again when the
/// last list is <see cref="Refresh"/> old, and for a key not found by a list that started before the request came (at
/// most once a second; the request waits for it), so a new key works at once and a deleted one stops within the
/// refresh time. A Secret that is not a usable key is skipped with a warning
/// naming the Secret and the missing field.
/// </summary>
public sealed partial class EcsApiKeyStore(IKubernetes kubernetes, string @namespace, TimeProvider time, ILogger<EcsApiKeyStore> logger) : IDisposable
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MissRefresh = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, EcsApiKey> _keys = new Dictionary<string, EcsApiKey>();
    private DateTimeOffset _listedAt = DateTimeOffset.MinValue;

    public string Namespace => @namespace;

    public void Dispose() => _gate.Dispose();

    /// <summary>The key of an access key id, or null.</summary>
    public async Task<EcsApiKey?> FindAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var arrived = time.GetUtcNow();
        if (arrived - _listedAt <= Refresh && _keys.TryGetValue(accessKeyId, out var known))
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var fresh = now - _listedAt <= Refresh;
            // A list that started after this request arrived holds every key created before it: nothing newer to learn.
            if (!fresh || (!_keys.ContainsKey(accessKeyId) && _listedAt < arrived))
            {
                // For a key not found, at most one list a second: a caller waits for the next list (so a key created
                // a moment ago works at once) rather than causing one each (so unknown keys cannot flood the API server).
                var wait = _listedAt + MissRefresh - now;
                if (fresh && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                var started = time.GetUtcNow();
                _keys = await ListAsync(cancellationToken).ConfigureAwait(false);
                _listedAt = started;
            }
        }
        finally
        {
            _gate.Release();
        }

        return _keys.GetValueOrDefault(accessKeyId);
    }

    private async Task<IReadOnlyDictionary<string, EcsApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        var secrets = await kubernetes.CoreV1.ListNamespacedSecretAsync(
            @namespace, labelSelector: $"{WellKnownLabels.EcsApiKey}=true", cancellationToken: cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<string, EcsApiKey>(StringComparer.Ordinal);
        foreach (var secret in secrets.Items)
        {
            if (Read(secret) is not { } key)
            {
                continue;
            }

            if (!keys.TryAdd(key.AccessKeyId, key))
            {
                LogDuplicate(logger, key.AccessKeyId, secret.Metadata.Name, keys[key.AccessKeyId].SecretName);
            }
        }

        return keys;
    }

    private EcsApiKey? Read(V1Secret secret)
    {
        string? Value(string key) => secret.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes).Trim() : null;
        var id = Value(EcsApiKey.AccessKeyIdKey);
        var secretKey = Value(EcsApiKey.SecretAccessKeyKey);
        var ns = Value(EcsApiKey.NamespaceKey);
        var user = Value(EcsApiKey.UserKey);
        var missing = new[] { (EcsApiKey.AccessKeyIdKey, id), (EcsApiKey.SecretAccessKeyKey, secretKey), (EcsApiKey.NamespaceKey, ns), (EcsApiKey.UserKey, user) }
            .Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            LogUnusable(logger, secret.Metadata.Name, string.Join(", ", missing));
            return null;
        }

        if (id is null || id.Any(c => !char.IsAsciiLetterOrDigit(c)) || id.Length > 128)
        {
            LogUnusable(logger, secret.Metadata.Name, $"{EcsApiKey.AccessKeyIdKey} (letters and digits only, at most 128)");
            return null;
        }

        var groups = (Value(EcsApiKey.GroupsKey) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!ImpersonatedClients.IsHeaderSafe(user!) || !groups.All(ImpersonatedClients.IsHeaderSafe))
        {
            LogUnusable(logger, secret.Metadata.Name, $"{EcsApiKey.UserKey} or {EcsApiKey.GroupsKey} (printable ASCII only)");
            return null;
        }

        return new EcsApiKey(id, secretKey!, ns!, user!, groups, secret.Metadata.Name);
    }

    [LoggerMessage(EventId = 8210, Level = LogLevel.Warning, Message = "Secret {Secret} is labelled as an ECS API key but is not usable: missing or invalid {Fields}")]
    private static partial void LogUnusable(ILogger logger, string secret, string fields);

    [LoggerMessage(EventId = 8211, Level = LogLevel.Warning, Message = "Access key {AccessKeyId} is in Secrets {Secret} and {Kept}; {Kept} is used")]
    private static partial void LogDuplicate(ILogger logger, string accessKeyId, string secret, string kept);
}
