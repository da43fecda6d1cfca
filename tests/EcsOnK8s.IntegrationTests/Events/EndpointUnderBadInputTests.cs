using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>
/// The events endpoint under bad input in the real operator host against the real API server: floods beyond an
/// identity's rate (429, other identities unaffected), made-up tokens (401 then 429 before more TokenReviews), slow
/// clients (408), with nothing published that was refused, while the same host keeps reconciling services.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class EndpointUnderBadInputTests
{
    private const string Entry = """{"Entries":[{"Source":"minio.s3","DetailType":"Object Created","Detail":"{\"k\":1}"}]}""";
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>How long a service change may take to reach its Deployment while the endpoint is flooded (a loaded 2-core machine).</summary>
    private static readonly TimeSpan ReconcileBoundDuringFlood = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FloodBeforeChange = TimeSpan.FromSeconds(5);

    private readonly KubeFixture _fixture;
    private readonly ITestOutputHelper _output;

    public EndpointUnderBadInputTests(KubeFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Flood_BeyondTheIdentitysRate_ThrottledWhileOthersAndReconcilesGoOn()
    {
        var ns = await _fixture.CreateNamespaceAsync("flood");
        var flooder = await EventPoster.TokenAsync(_fixture.Client, ns);
        var other = await OtherTokenAsync(ns);
        await using var host = await EventsEndpointHarness.StartAsync(
            _fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true", "--events-endpoint-rate", "10", "--events-endpoint-burst", "20");
        var ecs = new EcsClient(_fixture.Client);
        await CreateAsync<EcsCluster>(ecs, ns, MinimalService.Cluster);
        await CreateAsync<EcsTaskDefinition>(ecs, ns, MinimalService.TaskDefinition);
        await CreateAsync<EcsService>(ecs, ns, MinimalService.Service("web"));
        await ReplicasAsync(ns, 1, Eventually.DefaultTimeout);
        using var http = new HttpClient();

        // A quiet baseline of the same change, for the report.
        var quiet = await ScaleAsync(ecs, ns, 2);

        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var retryAfter = 0;
        var flood = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var request = Post(host, ns, Entry, flooder);
                using var response = await http.SendAsync(request);
                statuses.Add(response.StatusCode);
                if (response.Headers.RetryAfter is not null)
                {
                    Interlocked.Increment(ref retryAfter);
                }
            }
        })).ToList();
        var started = Stopwatch.StartNew();
        // Several seconds of flood, so the bucket refills while it lasts and the change below lands in the middle of it.
        await Eventually.TrueAsync(
            () => started.Elapsed > FloodBeforeChange && statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 50, "the flood to be throttled for a while", TimeSpan.FromSeconds(30));

        // Another identity of the same namespace is not throttled by the flood; a service change still converges.
        var (otherStatus, _) = await EventPoster.PostAsync(http, host.EventsAddress, ns, "putevents", Entry, other, ContentType);
        var during = await ScaleAsync(ecs, ns, 3);
        await stop.CancelAsync();
        await Task.WhenAll(flood);
        var elapsed = started.Elapsed;

        var accepted = statuses.Count(s => s == HttpStatusCode.OK);
        var throttled = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        _output.WriteLine(
            $"flood: {statuses.Count} requests in {elapsed.TotalSeconds:0.0} s ({statuses.Count / elapsed.TotalSeconds:0} /s), {accepted} accepted, {throttled} throttled (429); " +
            $"service change reached the Deployment in {quiet.TotalMilliseconds:0} ms quiet, {during.TotalMilliseconds:0} ms during the flood");
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal(statuses.Count, accepted + throttled);
        Assert.Equal(throttled, retryAfter);

        // The bucket: at most the burst plus the rate over the flood's duration (one more second of slack for the timer).
        Assert.InRange(accepted, 1, 20 + (10 * (elapsed.TotalSeconds + 1)));
        Assert.Equal(accepted + 1, host.Bus.Published.Count);
        Assert.True(during < ReconcileBoundDuringFlood, $"reconcile during the flood took {during}");
    }

    [Fact]
    public async Task MadeUpTokens_RefusedThenThrottledBeforeMoreTokenReviews()
    {
        var ns = await _fixture.CreateNamespaceAsync("badtokens");
        await using var host = await EventsEndpointHarness.StartAsync(_fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true");
        using var http = new HttpClient();

        var watch = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var request = Post(host, ns, Entry, $"made-up-token-{i}");
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        var elapsed = watch.Elapsed;
        var refused = statuses.Count(s => s == HttpStatusCode.Unauthorized);
        _output.WriteLine($"made-up tokens: {refused} refused (401), {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} throttled (429) in {elapsed.TotalSeconds:0.0} s");
        Assert.All(statuses, s => Assert.Contains(s, (HttpStatusCode[])[HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]));

        // Only the bucket (20) and what refilled it meanwhile (5/s, replenished each second) reach a TokenReview.
        Assert.InRange(refused, 20, 20 + (5 * Math.Ceiling(elapsed.TotalSeconds + 1)));

        Assert.Empty(host.Bus.Published);
    }

    [Fact]
    public async Task SlowClients_HeadersOrBodyNeverFinished_408AndNothingPublished()
    {
        var ns = await _fixture.CreateNamespaceAsync("slow");
        var token = await EventPoster.TokenAsync(_fixture.Client, ns);
        await using var host = await EventsEndpointHarness.StartAsync(_fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true");

        // Headers begun, never finished: Kestrel's headers timeout (10 s).
        var (headers, headersTook) = await RawAsync(host, $"POST /namespaces/{ns}/putevents HTTP/1.1\r\nHost: x\r\nContent-Type: {ContentType}\r\n");

        // Headers whole, a tenth of the body, then nothing: the minimum body rate after its grace (5 s).
        var (body, bodyTook) = await RawAsync(
            host,
            $"POST /namespaces/{ns}/putevents HTTP/1.1\r\nHost: x\r\nContent-Type: {ContentType}\r\nAuthorization: Bearer {token}\r\nContent-Length: {Entry.Length}\r\n\r\n{Entry[..(Entry.Length / 10)]}");

        _output.WriteLine($"slow headers answered in {headersTook.TotalSeconds:0.0} s: {FirstLine(headers)}; slow body in {bodyTook.TotalSeconds:0.0} s: {FirstLine(body)}");
        Assert.StartsWith("HTTP/1.1 408", headers, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 408", body, StringComparison.Ordinal);
        Assert.Contains("RequestTimeoutException", body, StringComparison.Ordinal);
        Assert.InRange(headersTook, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(40));
        Assert.InRange(bodyTook, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(40));
        Assert.Empty(host.Bus.Published);
    }

    private static string FirstLine(string response) => response.Split('\n')[0].Trim();

    /// <summary>Sends <paramref name="text"/> on a raw connection, then waits for the server's answer (or its close).</summary>
    private static async Task<(string Response, TimeSpan Took)> RawAsync(EventsEndpointHarness host, string text)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, host.EventsAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[8192];
        var received = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && received.ToString().Contains('}', StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering.
        }

        return (received.ToString(), watch.Elapsed);
    }

    private static HttpRequestMessage Post(EventsEndpointHarness host, string ns, string body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.EventsAddress, $"/namespaces/{ns}/putevents"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>A second ServiceAccount of <paramref name="ns"/> with the same right (the namespace's Role exists).</summary>
    private async Task<string> OtherTokenAsync(string ns)
    {
        await _fixture.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "other" } }, ns);
        await _fixture.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "other-poster" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "event-poster" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "other", NamespaceProperty = ns }],
            },
            ns);
        var token = await _fixture.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, "other", ns);
        return token.Status.Token;
    }

    /// <summary>Sets desiredCount and returns how long until the Deployment asks for as many replicas.</summary>
    private async Task<TimeSpan> ScaleAsync(EcsClient ecs, string ns, int count)
    {
        var watch = Stopwatch.StartNew();
        await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { desiredCount = count } });
        await ReplicasAsync(ns, count, TimeSpan.FromSeconds(60));
        return watch.Elapsed;
    }

    private Task<int?> ReplicasAsync(string ns, int count, TimeSpan timeout) =>
        Eventually.ValueAsync(
            async () => (await _fixture.Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.FirstOrDefault()?.Spec?.Replicas,
            replicas => replicas == count,
            $"the Deployment to ask for {count} replicas",
            timeout,
            TimeSpan.FromMilliseconds(50));

    private static Task<T> CreateAsync<T>(EcsClient ecs, string ns, string yaml)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return ecs.CreateAsync(resource);
    }
}
