using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class HttpTargetInvokerTests
{
    private static readonly AwsEvent s_event = new()
    {
        Id = "e1",
        DetailType = EcsDetailTypes.TaskStateChange,
        Source = EcsDetailTypes.Source,
        Account = "000000000000",
        Region = "local",
        Time = new DateTimeOffset(2026, 3, 1, 10, 0, 5, TimeSpan.Zero),
        Detail = new JsonObject { ["lastStatus"] = "STOPPED", ["containers"] = new JsonArray(new JsonObject { ["exitCode"] = 1 }) },
    };

    [Theory]
    [InlineData(200, TargetOutcomeKind.Delivered)]
    [InlineData(204, TargetOutcomeKind.Delivered)]
    [InlineData(301, TargetOutcomeKind.Permanent)]
    [InlineData(400, TargetOutcomeKind.Permanent)]
    [InlineData(404, TargetOutcomeKind.Permanent)]
    [InlineData(408, TargetOutcomeKind.Retryable)]
    [InlineData(429, TargetOutcomeKind.Retryable)]
    [InlineData(500, TargetOutcomeKind.Retryable)]
    [InlineData(503, TargetOutcomeKind.Retryable)]
    public async Task InvokeAsync_StatusCode_Outcome(int status, TargetOutcomeKind expected)
    {
        using var handler = new RecordingHandler(_ => new HttpResponseMessage((HttpStatusCode)status));
        using var invoker = new HttpTargetInvoker(null, new EventDeliveryOptions(), TimeProvider.System, handler);

        var outcome = await invoker.InvokeAsync(Invocation(new HttpTarget { Url = "http://receiver.test/hook" }), CancellationToken.None);

        Assert.Equal(expected, outcome.Kind);
        if (expected != TargetOutcomeKind.Delivered)
        {
            Assert.Equal($"HTTP {status} from receiver.test", outcome.Reason);
        }
    }

    [Fact]
    public async Task InvokeAsync_HeadersAndInputPath_SentAsCloudEventWithTheSelectedData()
    {
        using var handler = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var invoker = new HttpTargetInvoker(null, new EventDeliveryOptions(), TimeProvider.System, handler);
        var target = new HttpTarget
        {
            Url = "http://receiver.test/hook",
            Headers = new Dictionary<string, string> { ["X-Team"] = "payments", ["Content-Type"] = "text/evil" },
            InputPath = "$.detail.containers[0]",
        };

        await invoker.InvokeAsync(Invocation(target), CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(["payments"], request.Headers.GetValues("X-Team"));
        Assert.StartsWith("application/cloudevents+json", request.Content!.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.False(request.Headers.Contains(CloudEventMessage.SignatureHeader));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("""{"exitCode":1}""", json.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task InvokeAsync_ReceiverUnreachableOrSecretUnreadable_Retryable()
    {
        using var handler = new RecordingHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var invoker = new HttpTargetInvoker(null, new EventDeliveryOptions(), TimeProvider.System, handler);

        var unreachable = await invoker.InvokeAsync(Invocation(new HttpTarget { Url = "http://receiver.test/" }), CancellationToken.None);
        var unsigned = await invoker.InvokeAsync(
            Invocation(new HttpTarget { Url = "http://receiver.test/", SigningSecretRef = new SecretKeyReference { Name = "hook", Key = "hmac" } }),
            CancellationToken.None);

        Assert.Equal((TargetOutcomeKind.Retryable, "cannot reach receiver.test: ConnectionError"), (unreachable.Kind, unreachable.Reason));
        Assert.Equal(TargetOutcomeKind.Retryable, unsigned.Kind);
        Assert.Equal("signingSecretRef hook/hmac: this operator cannot read Secrets", unsigned.Reason);
    }

    private static TargetInvocation Invocation(HttpTarget http)
    {
        var target = new EventRuleTarget { Id = "hook", Http = http };
        var rule = new EcsEventRule
        {
            Metadata = new V1ObjectMeta { Name = "r", NamespaceProperty = "ns", Uid = Guid.NewGuid().ToString(), Generation = 1 },
            Spec = new EcsEventRuleSpec { Targets = [target] },
        };
        return new TargetInvocation(rule, target, s_event, s_event.ToJson(), 1);
    }

    private sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken)));
            return answer(request);
        }
    }
}
