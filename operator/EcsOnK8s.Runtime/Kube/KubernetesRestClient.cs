using System.Net;
using System.Net.Http.Headers;
using System.Text;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>
/// Plain REST access to any resource by path, through the HTTP pipeline, credentials and TLS settings of a
/// KubernetesClient <see cref="Kubernetes"/> instance (so its handlers, e.g. the request counter, see every call).
/// One generic path for built-in kinds and custom resources alike.
/// </summary>
public sealed class KubernetesRestClient
{
    private static readonly MediaTypeWithQualityHeaderValue s_json = MediaTypeWithQualityHeaderValue.Parse("application/json");

    private readonly Kubernetes _kubernetes;

    /// <param name="kubernetes">A <see cref="Kubernetes"/> client (e.g. from <see cref="KubernetesClientFactory"/>).</param>
    /// <param name="requestTimeout">Timeout of every request but watches; 60 s when null.</param>
    public KubernetesRestClient(IKubernetes kubernetes, TimeSpan? requestTimeout = null)
    {
        _kubernetes = kubernetes as Kubernetes
            ?? throw new ArgumentException("the runtime needs the k8s.Kubernetes client implementation", nameof(kubernetes));
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>The client this one sends through.</summary>
    public IKubernetes Kubernetes => _kubernetes;

    public TimeSpan RequestTimeout { get; }

    /// <summary>
    /// Sends a request and returns the response once its headers arrived (the body is not buffered: dispose it).
    /// Throws <see cref="KubernetesApiException"/> for an error status. <paramref name="streaming"/> requests
    /// (watches) get no timeout beyond the token.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string pathAndQuery, HttpContent? content, bool streaming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        // Watches share one HTTP/2 connection (one socket for every stream they hold open). Other requests go over
        // HTTP/1.1, one pooled connection each at a time: behind the same HTTP/2 connection as the watches' event
        // traffic, the API server serves a connection's streams through one reader and one writer, and with 1,000
        // services the reconciles' writes took twice as long to converge (docs/benchmarks.md).
        using var request = new HttpRequestMessage(method, new Uri(_kubernetes.BaseUri, pathAndQuery.TrimStart('/')))
        {
            Content = content,
            Version = streaming ? HttpVersion.Version20 : HttpVersion.Version11,
        };
        request.Headers.Accept.Add(s_json);

        using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout?.CancelAfter(RequestTimeout);
        var token = timeout?.Token ?? cancellationToken;

        if (_kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, token).ConfigureAwait(false);
        }

        HttpResponseMessage response;
        try
        {
            response = await _kubernetes.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {pathAndQuery} timed out after {RequestTimeout}");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                body = string.Empty;
            }

            V1Status? status = null;
            if (body.StartsWith('{'))
            {
                try
                {
                    status = KubernetesJson.Deserialize<V1Status>(body);
                }
                catch (System.Text.Json.JsonException)
                {
                    // not a Status: keep the raw text in the message
                }
            }

            var reason = status?.Message ?? (body.Length > 512 ? body[..512] : body);
            throw new KubernetesApiException(
                response.StatusCode, status, $"{method} {pathAndQuery}: {(int)response.StatusCode} {response.StatusCode}: {reason}");
        }
    }

    /// <summary>GET of one object or list as <typeparamref name="T"/>; null when it does not exist (404).</summary>
    public async Task<T?> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, false, cancellationToken).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return KubernetesJson.Deserialize<T>(stream);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Sends a JSON body (or JSON as apply YAML, per <paramref name="contentType"/>) and returns the response body.</summary>
    public async Task<string> SendJsonAsync(
        HttpMethod method, string pathAndQuery, string json, string contentType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        using var response = await SendAsync(method, pathAndQuery, content, false, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DELETE of one object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string path, V1DeleteOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            if (options is null)
            {
                using var plain = await SendAsync(HttpMethod.Delete, path, null, false, cancellationToken).ConfigureAwait(false);
                return true;
            }

            await SendJsonAsync(HttpMethod.Delete, path, KubernetesJson.Serialize(options), "application/json", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }
}
