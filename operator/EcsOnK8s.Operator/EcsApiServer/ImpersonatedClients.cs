using System.Collections.Concurrent;
using System.Net;
using k8s;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// Kubernetes clients that act as a key's identity: every request carries <c>Impersonate-User</c> and
/// <c>Impersonate-Group</c>, so the API server authorises it as that user, and the endpoint can do no more than the
/// user could with kubectl. The operator's own identity needs only the right to impersonate those names. One client
/// per identity, reused.
/// </summary>
/// <remarks>
/// The API server takes one group per <c>Impersonate-Group</c> line and does not split a value at commas, while
/// .NET's HttpClient joins the values of a repeated header into one line ("a, b", which the API server reads as one
/// group named "a, b"). So the groups go as one value that holds the line breaks itself, over HTTP/1.1 only (HTTP/2
/// would carry the line breaks inside one field); names are printable ASCII (<see cref="IsHeaderSafe"/>), so no
/// name can add a header of its own.
/// </remarks>
public sealed class ImpersonatedClients(Func<KubernetesClientConfiguration> configuration, TimeSpan timeout) : IDisposable
{
    // Bounds what many distinct identities (keys) can hold; clients are cheap to make again.
    private const int MaxClients = 256;

    private readonly ConcurrentDictionary<string, Kubernetes> _clients = new(StringComparer.Ordinal);

    /// <summary>Whether a user or group name can go into a header line as it is: printable ASCII.</summary>
    public static bool IsHeaderSafe(string name) => name is { Length: > 0 } && name.All(c => c is >= ' ' and <= '~');

    public IKubernetes For(string user, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(groups);
        if (!IsHeaderSafe(user) || !groups.All(IsHeaderSafe))
        {
            throw new ArgumentException("User and group names must be printable ASCII.", nameof(groups));
        }

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
        private const string UserHeader = "Impersonate-User";
        private const string GroupHeader = "Impersonate-Group";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version11;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            request.Headers.Remove(UserHeader);
            request.Headers.Remove(GroupHeader);
            request.Headers.TryAddWithoutValidation(UserHeader, user);
            if (groups.Count > 0)
            {
                request.Headers.TryAddWithoutValidation(GroupHeader, string.Join("\r\n" + GroupHeader + ": ", groups));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
