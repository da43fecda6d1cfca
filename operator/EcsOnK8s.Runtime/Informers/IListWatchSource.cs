namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// Where an informer lists and watches one resource. The real one is <see cref="KubernetesListWatchSource{T}"/>;
/// tests drive informers with a fake.
/// </summary>
public interface IListWatchSource<T>
    where T : class
{
    /// <summary>
    /// Lists one page. Throws <see cref="Kube.KubernetesApiException"/> (410 when a continue token expired).
    /// </summary>
    Task<ResourcePage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Watches from a resource version until the server closes the stream (the enumeration ends), the token is
    /// cancelled, or the connection fails (an exception). A 410 may come as an exception or as an ERROR event.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, CancellationToken cancellationToken);
}
