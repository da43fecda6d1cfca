using System.Globalization;
using EcsOnK8s.Runtime.Diagnostics;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>
/// Counts every request the Kubernetes client sends, by verb (HTTP method, or WATCH for <c>watch=true</c>) and
/// status code (<c>error</c> when no response came back), and the time the current <see cref="ApiWait"/> waits for
/// them. Add it through <see cref="KubernetesClientFactory"/>.
/// </summary>
public sealed class ApiRequestMetricsHandler : DelegatingHandler
{
    private readonly RuntimeMetrics _metrics;

    public ApiRequestMetricsHandler(RuntimeMetrics metrics)
    {
        _metrics = metrics;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var verb = request.Method.Method;
        if (verb == "GET" && request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true)
        {
            verb = "WATCH";
        }

        var wait = ApiWait.Current;
        wait?.RequestStarted();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _metrics.ApiRequests.WithLabels(verb, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)).Inc();
            return response;
        }
        catch
        {
            _metrics.ApiRequests.WithLabels(verb, "error").Inc();
            throw;
        }
        finally
        {
            wait?.RequestEnded();
        }
    }
}
