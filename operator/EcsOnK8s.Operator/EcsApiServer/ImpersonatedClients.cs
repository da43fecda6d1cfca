using System.Collections.Concurrent;
using k8s;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// Kubernetes clients that act as a key's identity: every request carries <c>Impersonate-User</c> and
/// <c>Impersonate-Group</c>, so the API server authorises it as that user, and the endpoint can do no more than the
/// user could with kubectl. The operator's own identity needs only the right to impersonate those names. One client
/// per identity, reused.
/// </summary>
public sealed class ImpersonatedClients(Func<KubernetesClientConfiguration> configuration, TimeSpan timeout) : IDisposable
{
    // Bounds what many distinct identities (keys) can hold; clients are cheap to make again.
    private const int MaxClients = 256;

    private readonly ConcurrentDictionary<string, Kubernetes> _clients = new(StringComparer.Ordinal);

    public IKubernetes For(string user, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var key = user + "\n" + string.Join("\n", groups);
        if (_clients.TryGetValue(key, out var client))
        {
            return client;
        }

        if (_clients.Count >= MaxClients)
        {
            // Old clients are not disposed: a request may still be using one; the garbage collector takes them.
            _clients.Clear();
        }

        var config = configuration();
        config.HttpClientTimeout = timeout;
        return _clients.GetOrAdd(key, _ => new Kubernetes(config, new ImpersonationHandler(user, groups)));
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private sealed class ImpersonationHandler(string user, IReadOnlyList<string> groups) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Impersonate-User");
            request.Headers.Remove("Impersonate-Group");
            request.Headers.TryAddWithoutValidation("Impersonate-User", user);
            foreach (var group in groups)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
