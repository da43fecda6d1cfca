using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>
/// The events endpoint in the real operator host against the real API server: ServiceAccount tokens checked by
/// TokenReview and SubjectAccessReview, per namespace; bad requests refused with nothing published; TLS.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class EventsEndpointTests
{
    private const string S3Entry = """{"Source":"minio.s3","DetailType":"Object Created","Detail":"{\"object\":{\"key\":\"incoming/a.csv\"}}","Resources":["arn:aws:s3:::uploads"]}""";

    private readonly KubeFixture _fixture;

    public EventsEndpointTests(KubeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task PutEvents_TokenOfNamespaceA_AcceptedForAAndRefusedForB()
    {
        var a = await _fixture.CreateNamespaceAsync("events-a");
        var b = await _fixture.CreateNamespaceAsync("events-b");
        var tokenA = await EventPoster.TokenAsync(_fixture.Client, a, grant: true);
        await EventPoster.TokenAsync(_fixture.Client, b, grant: true);
        await using var host = await EventsEndpointHarness.StartAsync(_fixture.KubeconfigPath, a, "--events-endpoint-allow-http", "true");
        using var http = new HttpClient();

        var (status, body) = await PostAsync(http, host, a, "putevents", "{\"Entries\":[" + S3Entry + "]}", tokenA);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body["FailedEntryCount"]!.GetValue<int>());
        var published = Assert.Single(host.Bus.Published);
        Assert.Equal(a, published.Namespace);
        Assert.Equal(body["Entries"]![0]!["EventId"]!.GetValue<string>(), published.Event.Id);
        Assert.Equal("incoming/a.csv", published.Event.Detail["object"]!["key"]!.GetValue<string>());

        (status, body) = await PostAsync(http, host, b, "putevents", "{\"Entries\":[" + S3Entry + "]}", tokenA);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AccessDeniedException", body["__type"]!.GetValue<string>());
        Assert.Contains($"system:serviceaccount:{a}:poster", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(host.Bus.Published);
    }

    [Fact]
    public async Task Post_BadOrMissingTokenOrNoRole_RefusedAndNothingPublished()
    {
        var ns = await _fixture.CreateNamespaceAsync("events-auth");
        var ungranted = await EventPoster.TokenAsync(_fixture.Client, ns, grant: false);
        await using var host = await EventsEndpointHarness.StartAsync(_fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true");
        using var http = new HttpClient();
        var request = "{\"Entries\":[" + S3Entry + "]}";

        (string? Token, HttpStatusCode Status, string Type)[] cases =
        [
            (null, HttpStatusCode.Unauthorized, "UnrecognizedClientException"),
            ("not-a-token", HttpStatusCode.Unauthorized, "UnrecognizedClientException"),
            (ungranted[..^4] + "AAAA", HttpStatusCode.Unauthorized, "UnrecognizedClientException"),
            (ungranted, HttpStatusCode.Forbidden, "AccessDeniedException"),
        ];
        foreach (var (token, expectedStatus, type) in cases)
        {
            var (status, body) = await PostAsync(http, host, ns, "putevents", request, token);
            Assert.Equal(expectedStatus, status);
            Assert.Equal(type, body["__type"]!.GetValue<string>());
            (status, body) = await PostAsync(http, host, ns, "cloudevents", """{"specversion":"1.0","id":"1","source":"s","type":"t"}""", token, "application/cloudevents+json");
            Assert.Equal(expectedStatus, status);
        }

        Assert.Empty(host.Bus.Published);
    }

    [Fact]
    public async Task Post_MalformedOversizeOrUnknown_RefusedInEventBridgeShapeAndNothingPublished()
    {
        var ns = await _fixture.CreateNamespaceAsync("events-bad");
        var token = await EventPoster.TokenAsync(_fixture.Client, ns, grant: true);
        await using var host = await EventsEndpointHarness.StartAsync(_fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true");
        using var http = new HttpClient();
        var bigDetail = "{\\\"p\\\":\\\"" + new string('x', 300 * 1024) + "\\\"}";

        (string Operation, string Body, HttpStatusCode Status, string Type)[] cases =
        [
            ("putevents", "{\"Entries\":[", HttpStatusCode.BadRequest, "SerializationException"),
            ("putevents", "{\"Entries\":[" + string.Join(',', Enumerable.Repeat(S3Entry, 11)) + "]}", HttpStatusCode.BadRequest, "ValidationException"),
            ("putevents", "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"" + bigDetail + "\"}]}", HttpStatusCode.BadRequest, "ValidationException"),
            ("putevents", new string(' ', 5 * 1024 * 1024), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException"),
            ("cloudevents", "{\"specversion\":\"1.0\"}", HttpStatusCode.BadRequest, "ValidationException"),
            ("publish", "{}", HttpStatusCode.NotFound, "UnknownOperationException"),
        ];
        foreach (var (operation, body, expectedStatus, type) in cases)
        {
            var contentType = operation == "cloudevents" ? "application/cloudevents+json" : "application/x-amz-json-1.1";
            var (status, answer) = await PostAsync(http, host, ns, operation, body, token, contentType);
            Assert.True(expectedStatus == status, $"{operation} {body[..Math.Min(40, body.Length)]}: {status} {answer}");
            Assert.Equal(type, answer["__type"]!.GetValue<string>());
        }

        // The events port serves nothing else, and the metrics port no events.
        using (var metrics = await http.GetAsync(new Uri(host.EventsAddress, "/metrics")))
        {
            Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        }

        using (var content = new StringContent("{\"Entries\":[" + S3Entry + "]}"))
        using (var onMetricsPort = await http.PostAsync(new Uri(host.MetricsAddress, $"/namespaces/{ns}/putevents"), content))
        {
            Assert.NotEqual(HttpStatusCode.OK, onMetricsPort.StatusCode);
        }

        Assert.Empty(host.Bus.Published);
    }

    [Fact]
    public async Task CloudEvents_OverTlsFromCertificateFiles_AcceptedAndPlainHttpRefused()
    {
        var ns = await _fixture.CreateNamespaceAsync("events-tls");
        var token = await EventPoster.TokenAsync(_fixture.Client, ns, grant: true);
        var directory = Directory.CreateTempSubdirectory("ecsonk8s-events-tls-");
        try
        {
            using var certificate = SelfSigned();
            var certFile = Path.Combine(directory.FullName, "tls.crt");
            var keyFile = Path.Combine(directory.FullName, "tls.key");
            await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
            using (var key = certificate.GetECDsaPrivateKey()!)
            {
                await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            }

            await using var host = await EventsEndpointHarness.StartAsync(
                _fixture.KubeconfigPath, ns, "--events-endpoint-tls-cert", certFile, "--events-endpoint-tls-key", keyFile);
            Assert.Equal("https", host.EventsAddress.Scheme);

            X509Certificate2? presented = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    presented = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                    return cert?.Thumbprint == certificate.Thumbprint;
                },
            };
            using var https = new HttpClient(handler);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.EventsAddress, $"/namespaces/{ns}/cloudevents"))
            {
                Content = new StringContent("""{"object":{"key":"incoming/b.csv"}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (name, value) in (List<(string, string)>)[("ce-specversion", "1.0"), ("ce-id", "tls-1"), ("ce-source", "minio:s3"), ("ce-type", "s3:ObjectCreated:Put")])
            {
                request.Headers.Add(name, value);
            }

            using var response = await https.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
            var published = Assert.Single(host.Bus.Published);
            Assert.Equal(("tls-1", "s3:ObjectCreated:Put"), (published.Event.Id, published.Event.DetailType));

            using var plain = new HttpClient();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new UriBuilder(host.EventsAddress) { Scheme = "http" }.Uri));
            Assert.Single(host.Bus.Published);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("5m", HttpStatusCode.OK)]
    [InlineData("0", HttpStatusCode.Forbidden)]
    public async Task PutEvents_RoleRemoved_RefusedOnceTheCachedAnswerIsGone(string cache, HttpStatusCode afterRemoval)
    {
        var ns = await _fixture.CreateNamespaceAsync("events-cache");
        var token = await EventPoster.TokenAsync(_fixture.Client, ns, grant: true);
        await using var host = await EventsEndpointHarness.StartAsync(
            _fixture.KubeconfigPath, ns, "--events-endpoint-allow-http", "true", "--events-endpoint-auth-cache", cache);
        using var http = new HttpClient();
        var request = "{\"Entries\":[" + S3Entry + "]}";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, host, ns, "putevents", request, token)).Status);

        await _fixture.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("event-poster", ns);
        var user = $"system:serviceaccount:{ns}:poster";
        Assert.True(await Eventually.HoldsAsync(async () => !await MayPostAsync(user, ns), TimeSpan.FromSeconds(30)), "the API server kept allowing the removed binding");

        // With a cache the answer of a moment ago stands (for at most its duration); without, the removal counts at once.
        Assert.Equal(afterRemoval, (await PostAsync(http, host, ns, "putevents", request, token)).Status);
    }

    [Fact]
    public void Options_EndpointWithoutCertificateOrAllowHttp_RefusedNamingTheFlags()
    {
        var environment = new Dictionary<string, string?>();
        var configuration = OperatorOptionsLoader.BuildConfiguration(["--events-endpoint", "true"], environment.GetValueOrDefault, null, out _);

        var error = Assert.Throws<OperatorOptionsException>(() => OperatorOptionsLoader.Read(configuration, environment.GetValueOrDefault));

        Assert.Contains(error.Errors, e => e.Contains("--events-endpoint-tls-cert", StringComparison.Ordinal) && e.Contains("--events-endpoint-allow-http", StringComparison.Ordinal));
    }

    private async Task<bool> MayPostAsync(string user, string ns)
    {
        var review = await _fixture.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"],
                ResourceAttributes = new V1ResourceAttributes
                {
                    NamespaceProperty = ns, Verb = "create", Group = EcsApi.Group, Resource = EcsEventRule.Plural, Subresource = "events",
                },
            },
        });
        return review.Status.Allowed;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(
        HttpClient http, EventsEndpointHarness host, string ns, string operation, string body, string? token, string contentType = "application/x-amz-json-1.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.EventsAddress, $"/namespaces/{ns}/{operation}"))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ecsonk8s-events-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }
}
