using Prometheus;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>/healthz, /readyz and /metrics.</summary>
public static class OperatorEndpoints
{
    public const string MetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Liveness is the process answering: a stuck controller must not get a replica killed in a loop.
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));

        endpoints.MapGet("/readyz", (OperatorStatus status) =>
        {
            var reasons = status.NotReadyReasons();
            return reasons.Count == 0
                ? Results.Text("ok\n")
                : Results.Text(string.Join('\n', reasons) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        endpoints.MapGet("/metrics", async (HttpContext context) =>
        {
            var services = context.RequestServices;
            services.GetRequiredService<HostMetrics>().Refresh();
            var registry = services.GetRequiredService<CollectorRegistry>();
            context.Response.ContentType = MetricsContentType;
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });

        return endpoints;
    }
}
