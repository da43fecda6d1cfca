using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Operator.Benchmarks;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcsOnK8s.Events.Benchmarks;

/// <summary>
/// The inbound chain against a local API server (hack/control-plane.sh, no nodes) with the operator as a child
/// process (<see cref="OperatorProcess"/>, events endpoint on, plain HTTP on 127.0.0.1): its memory (managed heap
/// from its /metrics, VmRSS) before and after 1,000 EcsEventRules are created and compiled (every one Ready), then
/// posted CloudEvent → EcsTask created latency, one event at a time, through the endpoint (token cached), the bus's
/// pending record, the leader's dispatcher and the ecsTask target, with the 1,000 rules in place.
/// </summary>
internal static class ChainBenchmark
{
    private const string Namespace = "bench-events";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int events, int rules, CancellationToken cancellationToken)
    {
        var repo = RepositoryRoot.TryFind(Directory.GetCurrentDirectory()) ?? RepositoryRoot.TryFind(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run from the repository: hack/control-plane.sh is needed");
        Console.WriteLine("chain: starting a local API server (etcd, kube-apiserver)");
        await using var controlPlane = await ControlPlane.UpAsync(repo, cancellationToken).ConfigureAwait(false);
        await controlPlane.InstallCrdsAsync(repo, cancellationToken).ConfigureAwait(false);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.Kubeconfig));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var token = await TokenAsync(client, cancellationToken).ConfigureAwait(false);

        var log = Path.Combine(controlPlane.Directory, "operator.log");
        var eventsPort = LoopbackPort.Free();
        var eventsAddress = new Uri($"http://127.0.0.1:{eventsPort.ToString(CultureInfo.InvariantCulture)}/");
        await using var child = OperatorProcess.Start(
            controlPlane.Kubeconfig, "bench-events", log,
            "--leader-election", "false", "--namespaces", Namespace, "--log-level", "Warning",
            "--events-endpoint", "true", "--events-endpoint-port", eventsPort.ToString(CultureInfo.InvariantCulture), "--events-endpoint-allow-http", "true",
            "--events-endpoint-rate", "100000", "--events-endpoint-burst", "100000");
        await child.WaitReadyAsync(Patience, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false); // settle after start-up
        var (heapBefore, rssBefore) = await MemoryAsync(child, cancellationToken).ConfigureAwait(false);

        var created = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, rules), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            await CreateAsync(client, FillerRule(i), ct).ConfigureAwait(false)).ConfigureAwait(false);
        await CreateAsync(client, UploadRule(), cancellationToken).ConfigureAwait(false);
        var ready = await WaitAllReadyAsync(client, rules + 1, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chain: {rules + 1} EcsEventRules created and Ready in {ready.TotalSeconds:0.0} s (created in {created.Elapsed.TotalSeconds:0.0} s)"));
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false); // status writes settle
        var (heapAfter, rssAfter) = await MemoryAsync(child, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: operator with 0 rules: managed heap {Mib(heapBefore):0.0} MiB, RSS {Mib(rssBefore):0.0} MiB; with {rules + 1} rules: managed heap {Mib(heapAfter):0.0} MiB, RSS {Mib(rssAfter):0.0} MiB (heap as the GC reports it without a forced collection)"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>(events);
        var tasksPath = $"/apis/{EcsApi.Group}/{EcsApi.Version}/namespaces/{Namespace}/{EcsTask.Plural}/";
        const int warmUp = 5;
        for (var i = 0; i < events + warmUp; i++)
        {
            var id = "upload-" + i.ToString("D6", CultureInfo.InvariantCulture);
            var name = EventTaskNames.For("on-upload", "loader", id);
            var started = Stopwatch.GetTimestamp();
            await PostAsync(http, eventsAddress, token, id, cancellationToken).ConfigureAwait(false);
            while (!await ExistsAsync(client, tasksPath + name, cancellationToken).ConfigureAwait(false))
            {
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(1))
                {
                    throw new TimeoutException($"no EcsTask {name} a minute after its event was posted; see {log}");
                }

                await Task.Delay(2, cancellationToken).ConfigureAwait(false);
            }

            if (i >= warmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        latencies.Sort();
        var p50 = latencies[(int)(0.50 * (latencies.Count - 1))];
        var p99 = latencies[(int)Math.Ceiling(0.99 * (latencies.Count - 1))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency: posted event -> EcsTask created ({events} CloudEvents one at a time, endpoint + bus + dispatcher + ecsTask target, {rules + 1} rules in the namespace; seen by GET every 2 ms): p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {latencies[^1]:0.0} ms"));
        var (heapEnd, rssEnd) = await MemoryAsync(child, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: after {events + warmUp} posted events and their EcsTasks: managed heap {Mib(heapEnd):0.0} MiB, RSS {Mib(rssEnd):0.0} MiB"));
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>The managed heap (prometheus-net's <c>dotnet_total_memory_bytes</c>) and VmRSS, in bytes.</summary>
    private static async Task<(long Heap, long Rss)> MemoryAsync(OperatorProcess operatorProcess, CancellationToken cancellationToken)
    {
        var metrics = await operatorProcess.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var heap = metrics.Samples("dotnet_total_memory_bytes") is [var sample, ..]
            ? (long)sample.Value
            : throw new InvalidOperationException("the operator's /metrics has no dotnet_total_memory_bytes");
        return (heap, operatorProcess.Memory().Rss);
    }

    private static EcsEventRule FillerRule(int i) => new()
    {
        ApiVersion = $"{EcsApi.Group}/{EcsApi.Version}",
        Kind = EcsEventRule.KindName,
        Metadata = new V1ObjectMeta { Name = "rule-" + i.ToString("D4", CultureInfo.InvariantCulture), NamespaceProperty = Namespace },
        Spec = new EcsEventRuleSpec
        {
            EventPattern = new Api.Serialization.FreeFormJson(JsonNode.Parse("""
                {"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["bucket-INDEX"]},"object":{"key":[{"prefix":"in/"}]}}}
                """.Replace("INDEX", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))),
            Targets = [new EventRuleTarget { Id = "hook", Http = new HttpTarget { Url = "http://127.0.0.1:9/" } }],
        },
    };

    private static EcsEventRule UploadRule() => new()
    {
        ApiVersion = $"{EcsApi.Group}/{EcsApi.Version}",
        Kind = EcsEventRule.KindName,
        Metadata = new V1ObjectMeta { Name = "on-upload", NamespaceProperty = Namespace },
        Spec = new EcsEventRuleSpec
        {
            EventPattern = new Api.Serialization.FreeFormJson(JsonNode.Parse("""
                {"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["uploads"]}}}
                """)),
            Targets =
            [
                new EventRuleTarget
                {
                    Id = "loader",
                    EcsTask = new EcsTaskTarget
                    {
                        TaskDefinition = "loader:1",
                        InputTransformer = new InputTransformer
                        {
                            InputPathsMap = new Dictionary<string, string> { ["key"] = "$.detail.object.key" },
                            InputTemplate = """{"containerOverrides":[{"name":"loader","environment":[{"name":"OBJECT_KEY","value":<key>}]}]}""",
                        },
                    },
                },
            ],
        },
    };

    private static async Task CreateAsync(Kubernetes client, EcsEventRule rule, CancellationToken cancellationToken) =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            rule, EcsApi.Group, EcsApi.Version, Namespace, EcsEventRule.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static async Task<TimeSpan> WaitAllReadyAsync(Kubernetes client, int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
                EcsApi.Group, EcsApi.Version, Namespace, EcsEventRule.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
            var ready = list["items"]!.AsArray().Count(r => r!["status"]?["conditions"]?.AsArray()
                .Any(c => c!["type"]?.GetValue<string>() == ConditionTypes.Ready && c["status"]?.GetValue<string>() == "True") == true);
            if (ready >= count)
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > Patience)
            {
                throw new TimeoutException($"{ready} of {count} EcsEventRules Ready after {Patience}");
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PostAsync(HttpClient http, Uri endpoint, string token, string id, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = "aws.s3", ["type"] = "Object Created",
            ["data"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = "uploads" }, ["object"] = new JsonObject { ["key"] = $"incoming/{id}.csv" } },
        }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"/namespaces/{Namespace}/cloudevents"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"the endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static async Task<bool> ExistsAsync(Kubernetes client, string path, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.GetNamespacedCustomObjectAsync(
                EcsApi.Group, EcsApi.Version, Namespace, EcsTask.Plural, path[(path.LastIndexOf('/') + 1)..], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task<string> TokenAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "poster" } }, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            new V1Role
            {
                Metadata = new V1ObjectMeta { Name = "event-poster" },
                Rules = [new V1PolicyRule { ApiGroups = [EcsApi.Group], Resources = [EcsEventRule.Plural + "/events"], Verbs = ["create"] }],
            },
            Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "event-poster" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "event-poster" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "poster", NamespaceProperty = Namespace }],
            },
            Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        var token = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, "poster", Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return token.Status.Token;
    }
}
