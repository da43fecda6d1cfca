using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class CloudEventMessageTests
{
    private static readonly AwsEvent s_event = new()
    {
        Id = "3f2b8c1e-0000-8000-8000-000000000001",
        DetailType = EcsDetailTypes.TaskStateChange,
        Source = EcsDetailTypes.Source,
        Account = "123456789012",
        Region = "eu-west-1",
        Time = new DateTimeOffset(2026, 3, 1, 10, 0, 5, TimeSpan.Zero),
        Resources = ["arn:aws:ecs:eu-west-1:123456789012:task/prod/abc"],
        Detail = new JsonObject { ["lastStatus"] = "STOPPED", ["stopCode"] = "EssentialContainerExited" },
    };

    [Fact]
    public void Encode_WholeEvent_StructuredCloudEventWithTheDetailAsData()
    {
        var (body, contentType) = CloudEventMessage.Encode(s_event, null);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.StartsWith("application/cloudevents+json", contentType, StringComparison.Ordinal);
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(s_event.Id, root.GetProperty("id").GetString());
        Assert.Equal("aws.ecs", root.GetProperty("source").GetString());
        Assert.Equal("ECS Task State Change", root.GetProperty("type").GetString());
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task/prod/abc", root.GetProperty("subject").GetString());
        Assert.Equal(s_event.Time, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal("123456789012", root.GetProperty("awsaccount").GetString());
        Assert.Equal("eu-west-1", root.GetProperty("awsregion").GetString());
        Assert.Equal("EssentialContainerExited", root.GetProperty("data").GetProperty("stopCode").GetString());
    }

    [Fact]
    public void Encode_RenderedInput_InputIsTheData()
    {
        var json = CloudEventMessage.Encode(s_event, TargetPayload.FromJson(new JsonObject { ["status"] = "STOPPED" })).Body;
        var text = CloudEventMessage.Encode(s_event, TargetPayload.FromText("task stopped")).Body;

        using var jsonDocument = JsonDocument.Parse(json);
        using var textDocument = JsonDocument.Parse(text);
        Assert.Equal("""{"status":"STOPPED"}""", jsonDocument.RootElement.GetProperty("data").GetRawText());
        Assert.Equal("task stopped", textDocument.RootElement.GetProperty("data").GetString());
        Assert.Equal("text/plain", textDocument.RootElement.GetProperty("datacontenttype").GetString());
    }

    [Fact]
    public void Encode_SourceThatIsNoUri_Escaped()
    {
        var (body, _) = CloudEventMessage.Encode(s_event with { Source = "my app" }, null);

        using var json = JsonDocument.Parse(body);
        Assert.Equal("my%20app", json.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public void Sign_Body_HexHmacSha256OfTheExactBytes()
    {
        var key = Encoding.UTF8.GetBytes("s3cret");
        var (body, _) = CloudEventMessage.Encode(s_event, null);

        var signature = CloudEventMessage.Sign(key, body.Span);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body.ToArray())), signature);
        Assert.NotEqual(signature, CloudEventMessage.Sign(Encoding.UTF8.GetBytes("other"), body.Span));
    }
}
