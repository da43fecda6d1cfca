using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.EcsProtocol.Auth;
using EcsOnK8s.EcsProtocol.Benchmarks;
using EcsOnK8s.Operator.EcsApiServer;
using EcsOnK8s.Operator.Hosting;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

// make bench-api [BENCH_API_ARGS='--services N --calls N --concurrency N']: a local API server (no nodes), the operator
// in-process with the ECS API (plain HTTP on 127.0.0.1, to time the API rather than TLS), N services; then
// DescribeServices (10 services a call) and RegisterTaskDefinition through the endpoint, and the same reads and writes
// made directly to the Kubernetes API as the same impersonated identity.
var services = Flag("--services", 1000);
var calls = Flag("--calls", 200);
var concurrency = Flag("--concurrency", 8);
var registrations = Flag("--registrations", 30);

await using var fixture = new KubeFixture();
await fixture.InitializeAsync();
var ns = await fixture.CreateNamespaceAsync("bench-api");
var keysNs = await fixture.CreateNamespaceAsync("bench-api-keys");
var kube = fixture.Client;
await kube.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
{
    Metadata = new() { Name = "bench-admin" },
    RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "admin" },
    Subjects = [new Rbacv1Subject { Kind = "User", Name = "bench", ApiGroup = "rbac.authorization.k8s.io" }],
}, ns);
// The built-in admin role does not cover the custom resources: a Role for them, as an administrator would add.
await kube.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
{
    Metadata = new() { Name = "ecs" },
    Rules = [new V1PolicyRule { ApiGroups = [EcsApi.Group], Resources = ["*"], Verbs = ["*"] }],
}, ns);
await kube.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
{
    Metadata = new() { Name = "bench-ecs" },
    RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "ecs" },
    Subjects = [new Rbacv1Subject { Kind = "User", Name = "bench", ApiGroup = "rbac.authorization.k8s.io" }],
}, ns);
var accessKey = "AKIABENCH" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
await kube.CoreV1.CreateNamespacedSecretAsync(new V1Secret
{
    Metadata = new() { Name = "bench", Labels = new Dictionary<string, string> { [WellKnownLabels.EcsApiKey] = "true" } },
    StringData = new Dictionary<string, string> { ["accessKeyId"] = accessKey, ["secretAccessKey"] = secretKey, ["namespace"] = ns, ["user"] = "bench" },
}, keysNs);

var environment = new Dictionary<string, string?> { ["HOSTNAME"] = "bench-api" };
string[] args2 =
[
    "--kubeconfig", fixture.KubeconfigPath, "--metrics-port", "0", "--log-format", "text", "--log-level", "Warning", "--leader-election", "false",
    "--namespaces", ns, "--ecs-api", "true", "--ecs-api-port", "0", "--ecs-api-allow-http", "true", "--ecs-api-keys-namespace", keysNs,
];
var configuration = OperatorOptionsLoader.BuildConfiguration(args2, environment.GetValueOrDefault, settingsDirectory: null, out _);
var options = OperatorOptionsLoader.Read(configuration, environment.GetValueOrDefault);
await using var app = OperatorApplication.Build(options, configuration, environment.GetValueOrDefault);
await app.StartAsync();
var endpoint = new Uri($"http://127.0.0.1:{app.Services.GetRequiredService<EcsApiEndpointBinding>().Port}/");
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.KubeconfigPath);
using var impersonated = new ImpersonatedClients(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.KubeconfigPath), TimeSpan.FromSeconds(60));
var asBench = impersonated.For("bench", []);

Console.WriteLine($"ECS API benchmark: {services} services, {calls} calls per measure, concurrency {concurrency}, {registrations} registrations; {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");
await EcsAsync("CreateCluster", """{"clusterName":"default"}""");
await EcsAsync("RegisterTaskDefinition", RegisterBody(0));
var created = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, services), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    var body = JsonDocument.Parse($$$"""{"apiVersion":"{{{EcsApi.ApiVersion}}}","kind":"EcsService","metadata":{"name":"svc-{{{i:D5}}}"},"spec":{"taskDefinition":"bench","desiredCount":1}}""").RootElement;
    await kube.CustomObjects.CreateNamespacedCustomObjectAsync(body, EcsApi.Group, EcsApi.Version, ns, EcsService.Plural, cancellationToken: ct);
});
Console.WriteLine($"created {services} EcsServices in {created.Elapsed.TotalSeconds:0.0} s");

// Warm both paths (JIT, connections, the key cache) before timing.
for (var i = 0; i < 20; i++)
{
    await EcsAsync("DescribeServices", DescribeBody(i));
    await DirectDescribeAsync(i);
}

var results = new List<Latencies>
{
    await MeasureAsync("DescribeServices (10 services), ECS API, sequential", 1, calls, i => EcsAsync("DescribeServices", DescribeBody(i))),
    await MeasureAsync("DescribeServices, direct: GET cluster + 10 GET ecsservices, sequential", 1, calls, DirectDescribeAsync),
    await MeasureAsync($"DescribeServices (10 services), ECS API, {concurrency} in parallel", concurrency, calls, i => EcsAsync("DescribeServices", DescribeBody(i))),
    await MeasureAsync($"DescribeServices, direct, {concurrency} in parallel", concurrency, calls, DirectDescribeAsync),
    await MeasureAsync("RegisterTaskDefinition (answer after the operator registered it)", 1, registrations, i => EcsAsync("RegisterTaskDefinition", RegisterBody(i + 1))),
    await MeasureAsync("RegisterTaskDefinition, direct: PUT ecstaskdefinition", 1, registrations, i => DirectRegisterAsync(i + 10_000, wait: false)),
    await MeasureAsync("RegisterTaskDefinition, direct: PUT, then GET until registered", 1, registrations, i => DirectRegisterAsync(i + 20_000, wait: true)),
};
Console.WriteLine();
foreach (var result in results)
{
    Console.WriteLine(result.Describe());
}

Console.WriteLine($"load average after: {LoadAverage()}");
await app.StopAsync();
return 0;

async Task<Latencies> MeasureAsync(string name, int parallel, int count, Func<int, Task> call)
{
    var latencies = new Latencies(name);
    var wall = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await latencies.TimeAsync(() => call(i)));
    latencies.Wall = wall.Elapsed;
    Console.WriteLine(latencies.Describe());
    return latencies;
}

async Task<JsonNode> EcsAsync(string operation, string body)
{
    var bytes = Encoding.UTF8.GetBytes(body);
    var headers = new List<KeyValuePair<string, string>>
    {
        new("Host", $"{endpoint.Host}:{endpoint.Port}"),
        new("Content-Type", "application/x-amz-json-1.1"),
        new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation),
    };
    SigV4.Sign("POST", "/", string.Empty, headers, bytes, accessKey, secretKey, "local", "ecs", DateTimeOffset.UtcNow);
    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
    foreach (var (name, value) in headers.Where(h => h.Key is not ("Host" or "Content-Type")))
    {
        request.Headers.TryAddWithoutValidation(name, value);
    }

    request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{operation}: {(int)response.StatusCode} {text}");
}

string DescribeBody(int i) =>
    new JsonObject { ["cluster"] = "default", ["services"] = new JsonArray([.. Enumerable.Range(0, 10).Select(j => (JsonNode)$"svc-{(i * 10 + j) % services:D5}")]) }.ToJsonString();

string RegisterBody(int i) =>
    $$$"""{"family":"bench","containerDefinitions":[{"name":"app","image":"nginx:1.27","memoryReservation":32,"environment":[{"name":"N","value":"{{{i}}}"}]}]}""";

async Task DirectDescribeAsync(int i)
{
    await asBench.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, ns, EcsCluster.Plural, "default");
    for (var j = 0; j < 10; j++)
    {
        await asBench.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, ns, EcsService.Plural, $"svc-{(i * 10 + j) % services:D5}");
    }
}

async Task DirectRegisterAsync(int i, bool wait)
{
    // As the endpoint does: read, change, replace; again when the operator's status write came in between (409).
    for (var attempt = 0; ; attempt++)
    {
        try
        {
            await DirectReplaceAsync(i, wait);
            return;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
        {
        }
    }
}

async Task DirectReplaceAsync(int i, bool wait)
{
    var current = KubernetesJson.Deserialize<EcsTaskDefinition>((await asBench.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, ns, EcsTaskDefinition.Plural, "bench")).GetRawText());
    current.Spec.ContainerDefinitions![0].Environment = [new NameValuePair { Name = "N", Value = i.ToString(CultureInfo.InvariantCulture) }];
    current.Status = null!;
    var replaced = KubernetesJson.Deserialize<EcsTaskDefinition>((await asBench.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonElement>(
        JsonDocument.Parse(KubernetesJson.Serialize(current)).RootElement, EcsApi.Group, EcsApi.Version, ns, EcsTaskDefinition.Plural, "bench")).GetRawText());
    while (wait)
    {
        var td = KubernetesJson.Deserialize<EcsTaskDefinition>((await asBench.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, ns, EcsTaskDefinition.Plural, "bench")).GetRawText());
        if (td.Status?.ObservedGeneration >= replaced.Metadata.Generation)
        {
            return;
        }

        await Task.Delay(50);
    }
}

int Flag(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
