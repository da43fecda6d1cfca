using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.EcsProtocol.Auth;
using EcsOnK8s.Operator.Endpoints;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.EcsApiServer;

/// <summary>
/// The ECS API under a flood: one access key is held to its rate (ThrottlingException, as AWS answers a caller over
/// its limit) while another key is served, and an address whose signatures keep failing is throttled before any
/// key is looked up.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class EcsApiThrottlingTests(KubeFixture fixture)
{
    private static readonly EndpointLimits Limits = new();

    [Fact]
    public async Task Flood_OneKeyThrottledTheOtherServed_BadSignaturesThrottledByAddress()
    {
        var keys = await fixture.CreateNamespaceAsync("ecsapi-flood-keys");
        var ns = await fixture.CreateNamespaceAsync("ecsapi-flood");
        await EcsApiHarness.GrantAsync(fixture.Client, ns, "flooder");
        await using var host = await EcsApiHarness.StartAsync(fixture.KubeconfigPath, keys, ns);
        var flooder = await host.CreateKeyAsync(fixture.Client, "flooder", ns, "flooder");
        var other = await host.CreateKeyAsync(fixture.Client, "other", ns, "flooder");
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        foreach (var key in (ValueTuple<string, string>[])[flooder, other])
        {
            // The key store reads new key Secrets within a second of a request naming an unknown key.
            await Eventually.ValueAsync(() => ListClustersAsync(http, host.Endpoint, key), a => a.Status == HttpStatusCode.OK, "the new key accepted", TimeSpan.FromSeconds(30));
        }

        // Twice the burst at once: the bucket holds the burst plus what refills meanwhile, the rest is refused.
        var answers = await Task.WhenAll(Enumerable.Range(0, Limits.Burst * 2).Select(_ => ListClustersAsync(http, host.Endpoint, flooder)));
        var throttled = answers.Count(a => a.Type == "ThrottlingException");
        Assert.True(throttled > 0, $"no ThrottlingException among {answers.Length} requests: {string.Join(", ", answers.Select(a => a.Type ?? a.Status.ToString()))}");
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK || a.Type == "ThrottlingException", $"{a.Status} {a.Type}"));
        Assert.Equal(HttpStatusCode.OK, (await ListClustersAsync(http, host.Endpoint, other)).Status);

        // Made-up secrets: refused as AWS refuses them until the address's bucket of refusals is empty, then throttled.
        var forged = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => ListClustersAsync(http, host.Endpoint, (flooder.Id, "not-the-secret"))));
        Assert.All(forged, a => Assert.Contains(a.Type, (string[])["InvalidSignatureException", "ThrottlingException"]));
        Assert.Contains(forged, a => a.Type == "ThrottlingException");
    }

    private static async Task<(HttpStatusCode Status, string? Type)> ListClustersAsync(HttpClient http, Uri endpoint, (string Id, string Secret) key)
    {
        var body = "{}"u8.ToArray();
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", $"{endpoint.Host}:{endpoint.Port}"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"),
        };
        SigV4.Sign("POST", "/", string.Empty, headers, body, key.Id, key.Secret, "local", "ecs", DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers.Where(h => h.Key is not ("Host" or "Content-Type")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? null : (string?)JsonNode.Parse(Encoding.UTF8.GetBytes(text))?["__type"]);
    }
}
