namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// Refuses every request that can change the cluster (anything but GET, HEAD and OPTIONS) while the
/// <see cref="LeaseWriteFence"/> is closed, by throwing <see cref="LeadershipLostException"/> before it is sent. Put it
/// on the client of the leader-only work, in front of every other handler (see
/// <see cref="Kube.KubernetesClientFactory"/>), so that no write path (applies, status updates, deletes, events, typed
/// client calls) can go around it. The Lease itself is renewed through a client of its own, without this handler.
/// </summary>
public sealed class LeaseWriteFenceHandler : DelegatingHandler
{
    private readonly LeaseWriteFence _fence;

    public LeaseWriteFenceHandler(LeaseWriteFence fence)
    {
        _fence = fence ?? throw new ArgumentNullException(nameof(fence));
    }

    /// <summary>True for the HTTP methods that never change anything on the API server.</summary>
    public static bool IsReadOnly(HttpMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsReadOnly(request.Method))
        {
            // Checked as late as possible, right before the request leaves for the server.
            _fence.ThrowIfClosed($"{request.Method} {request.RequestUri?.AbsolutePath}");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
