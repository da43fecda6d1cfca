using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// What the benchmark asks the operator to run: an EcsCluster <c>default</c> and N web services, each with its own
/// task definition family (a Fargate-sized app container with a named port, and a non-essential log router) and CPU
/// target tracking, so that every service renders a Deployment and an HPA.
/// </summary>
/// <remarks>
/// No load balancers: a ClusterIP Service per service would exhaust the control plane's service range
/// (10.0.0.0/24, 253 addresses) long before 1,000 services.
/// </remarks>
internal static class BenchWorkload
{
    public static string ServiceName(int i) => "svc-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string TaskDefinitionName(int i) => "td-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static async Task CreateNamespaceAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static Task CreateClusterAsync(IKubernetes client, string ns, CancellationToken cancellationToken) =>
        CreateAsync(client, ns, EcsCluster.Plural, $$$"""
            {"apiVersion": "{{{EcsApi.ApiVersion}}}", "kind": "{{{EcsCluster.KindName}}}", "metadata": {"name": "default"},
             "spec": {"capacityProviders": [{"name": "FARGATE"}, {"name": "FARGATE_SPOT"}]}}
            """, cancellationToken);

    /// <summary>
    /// Creates task definition <paramref name="i"/>, then the service that runs it. With <paramref name="sharedRole"/>
    /// the task definition names a task role that every other one names too.
    /// </summary>
    public static async Task CreateServiceAsync(IKubernetes client, string ns, int i, bool sharedRole, CancellationToken cancellationToken)
    {
        var family = TaskDefinitionName(i);
        var role = sharedRole ? "\"taskRoleArn\": \"arn:aws:iam::123456789012:role/bench\", " : string.Empty;
        await CreateAsync(client, ns, EcsTaskDefinition.Plural, $$$"""
            {"apiVersion": "{{{EcsApi.ApiVersion}}}", "kind": "{{{EcsTaskDefinition.KindName}}}", "metadata": {"name": "{{{family}}}"},
             "spec": {{{{role}}}"family": "{{{family}}}", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024",
               "containerDefinitions": [
                 {"name": "app", "image": "nginx:1.27", "cpu": 256, "memoryReservation": 256, "essential": true,
                  "portMappings": [{"containerPort": 8080, "name": "http", "appProtocol": "http"}],
                  "environment": [{"name": "INSTANCE", "value": "{{{i}}}"}]},
                 {"name": "log_router", "image": "fluent/fluent-bit:3", "essential": false}]}}
            """, cancellationToken).ConfigureAwait(false);
        await CreateAsync(client, ns, EcsService.Plural, $$$"""
            {"apiVersion": "{{{EcsApi.ApiVersion}}}", "kind": "{{{EcsService.KindName}}}", "metadata": {"name": "{{{ServiceName(i)}}}"},
             "spec": {"taskDefinition": "{{{family}}}", "desiredCount": 2, "launchType": "FARGATE",
               "autoScaling": {"minCapacity": 2, "maxCapacity": 6, "targetTrackingPolicies": [{"policyName": "cpu", "targetValue": 60,
                 "predefinedMetricSpecification": {"predefinedMetricType": "ECSServiceAverageCPUUtilization"}}]} }}
            """, cancellationToken).ConfigureAwait(false);
    }

    public static async Task CreateAsync(IKubernetes client, string ns, string plural, string json, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(json);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            document.RootElement, EcsApi.Group, EcsApi.Version, ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
