using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.Controllers.Events.Ingest;
using EcsOnK8s.Events.Ecs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcsOnK8s.Controllers.Tests.Events.Ingest;

public sealed class EventIngestorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    private readonly RecordingEventBus _bus = new();

    private static readonly string S3Detail = """{"bucket":{"name":"uploads"},"object":{"key":"incoming/a.csv","size":5},"reason":"PutObject"}""";

    [Fact]
    public async Task PutEventsAsync_ValidEntries_PublishedInNamespaceAndAnsweredWithIds()
    {
        var body = PutEvents(
            Entry("minio.s3", "Object Created", S3Detail, resources: ["arn:aws:s3:::uploads"], time: "\"2021-11-12T00:00:00Z\""),
            Entry("ci", "Build Done", """{"ok":true}""", time: "1636675200.5"));

        var response = await Ingestor().PutEventsAsync("team-a", body, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(0, response.Body["FailedEntryCount"]!.GetValue<int>());
        var ids = response.Body["Entries"]!.AsArray().Select(e => e!["EventId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _), id));
        Assert.Equal(ids, _bus.Published.Select(p => p.Event.Id));
        Assert.All(_bus.Published, p => Assert.Equal("team-a", p.Namespace));

        var s3 = _bus.Published[0].Event;
        Assert.Equal("minio.s3", s3.Source);
        Assert.Equal("Object Created", s3.DetailType);
        Assert.Equal("incoming/a.csv", s3.Detail["object"]!["key"]!.GetValue<string>());
        Assert.Equal(["arn:aws:s3:::uploads"], s3.Resources);
        Assert.Equal(new DateTimeOffset(2021, 11, 12, 0, 0, 0, TimeSpan.Zero), s3.Time);
        Assert.Equal("eu-west-1", s3.Region);
        Assert.Equal("123456789012", s3.Account);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1636675200500), _bus.Published[1].Event.Time);
    }

    [Fact]
    public async Task PutEventsAsync_BusNameTraceHeaderAndOffsetTime_BusIgnoredTimeInUtc()
    {
        var body = """{"Entries":[{"Source":"ci","DetailType":"Build","Detail":"{}","EventBusName":"arn:aws:events:us-east-1:1:event-bus/other","TraceHeader":"Root=1-abc","Time":"2021-11-12T01:00:00+01:00"}]}""";

        var response = await Ingestor().PutEventsAsync("team-a", Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var published = Assert.Single(_bus.Published);
        Assert.Equal("team-a", published.Namespace);
        Assert.Equal(new DateTimeOffset(2021, 11, 12, 0, 0, 0, TimeSpan.Zero), published.Event.Time);
        Assert.Equal("2021-11-12T00:00:00Z", published.Event.ToJson()["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutEventsAsync_NoTime_TimeIsNow()
    {
        await Ingestor().PutEventsAsync("team-a", PutEvents(Entry("ci", "Build", "{}")), CancellationToken.None);

        Assert.Equal(Now, Assert.Single(_bus.Published).Event.Time);
    }

    public static TheoryData<string, string, string> EntryErrors => new()
    {
        { Entry(null, "Build", "{}"), "InvalidArgument", "Parameter Source is not valid" },
        { Entry("ci", null, "{}"), "InvalidArgument", "Parameter DetailType is not valid" },
        { Entry("ci", "Build", null), "InvalidArgument", "Parameter Detail is not valid" },
        { Entry("", "Build", "{}"), "InvalidArgument", "Parameter Source is not valid" },
        { Entry("ci", "Build", "{not json"), "MalformedDetail", "Detail is malformed" },
        { Entry("ci", "Build", "[1,2]"), "MalformedDetail", "must be a JSON object" },
        { Entry("ci", "Build", "\"text\""), "MalformedDetail", "must be a JSON object" },
        { Entry("ci", "Build", "{} {}"), "MalformedDetail", "Detail is malformed" },
        { Entry("ci", "Build", new string('[', 100) + new string(']', 100)), "MalformedDetail", "Detail is malformed" },
        { Entry("ci", "Build", "{}", time: "\"yesterday\""), "InvalidArgument", "Parameter Time is not valid" },
        { Entry("ci", "Build", "{}", time: "-5"), "InvalidArgument", "Parameter Time is not valid" },
    };

    [Theory]
    [MemberData(nameof(EntryErrors))]
    public async Task PutEventsAsync_BadEntry_RefusedAloneOthersPublished(string bad, string code, string message)
    {
        var response = await Ingestor().PutEventsAsync("team-a", PutEvents(Entry("ci", "Build", "{}"), bad, Entry("ci", "Test", "{}")), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, response.Body["FailedEntryCount"]!.GetValue<int>());
        var entries = response.Body["Entries"]!.AsArray();
        Assert.Equal(3, entries.Count);
        Assert.NotNull(entries[0]!["EventId"]);
        Assert.Equal(code, entries[1]!["ErrorCode"]!.GetValue<string>());
        Assert.Contains(message, entries[1]!["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(entries[1]!["EventId"]);
        Assert.NotNull(entries[2]!["EventId"]);
        Assert.Equal(["Build", "Test"], _bus.Published.Select(p => p.Event.DetailType));
    }

    public static TheoryData<string, string, string> RequestErrors => new()
    {
        { "", "SerializationException", "not valid JSON" },
        { "{\"Entries\":[", "SerializationException", "not valid JSON" },
        { "[]", "SerializationException", "must be a JSON object" },
        { "{}", "SerializationException", "Entries is required" },
        { "{\"Entries\":{}}", "SerializationException", "Entries must be a list" },
        { "{\"Entries\":[]}", "ValidationException", "between 1 and 10" },
        { PutEventsText([.. Enumerable.Repeat(Entry("ci", "Build", "{}"), 11)]), "ValidationException", "between 1 and 10 (it has 11)" },
        { "{\"Entries\":[5]}", "SerializationException", "Entries[0] must be an object" },
        { PutEventsText(Entry("ci", "Build", "{}"), "{\"Source\":5,\"DetailType\":\"x\",\"Detail\":\"{}\"}"), "SerializationException", "Entries[1].Source must be a string" },
        { PutEventsText("{\"Source\":\"ci\",\"DetailType\":\"x\",\"Detail\":{}}"), "SerializationException", "Entries[0].Detail must be a string" },
        { PutEventsText("{\"Source\":\"ci\",\"DetailType\":\"x\",\"Detail\":\"{}\",\"Resources\":[1]}"), "SerializationException", "Resources must be a list of strings" },
        { PutEventsText("{\"Source\":\"ci\",\"DetailType\":\"x\",\"Detail\":\"{}\",\"Time\":true}"), "SerializationException", "Time must be a timestamp" },
        { PutEventsText(Entry("ci", "Build", "{}"), Entry("ci", "Big", Big(IngestLimits.MaxEntryBytes))), "ValidationException", "Entries[1] is 262149 bytes" },
        { new string('[', 200) + new string(']', 200), "SerializationException", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(RequestErrors))]
    public async Task PutEventsAsync_BadRequest_EventBridgeErrorAndNothingPublished(string body, string type, string message)
    {
        var response = await Ingestor().PutEventsAsync("team-a", Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(type, response.Body["__type"]!.GetValue<string>());
        Assert.Contains(message, response.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_bus.Published);
    }

    [Fact]
    public async Task PutEventsAsync_EntryOfExactlyTheLimit_Accepted()
    {
        // Source (2) + DetailType (3) + Detail: 256 KB in all.
        var detail = Big(IngestLimits.MaxEntryBytes - 5);
        var response = await Ingestor().PutEventsAsync("team-a", PutEvents(Entry("ci", "Big", detail)), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(_bus.Published);
    }

    [Fact]
    public async Task PutEventsAsync_BusRefusesOne_PerEntryErrorFromBus()
    {
        _bus.Refuse = e => e.DetailType == "Test";

        var response = await Ingestor().PutEventsAsync("team-a", PutEvents(Entry("ci", "Build", "{}"), Entry("ci", "Test", "{}")), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, response.Body["FailedEntryCount"]!.GetValue<int>());
        Assert.Equal("InternalFailure", response.Body["Entries"]![1]!["ErrorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutEventsAsync_BusThrows_InternalException500()
    {
        _bus.Failure = new InvalidOperationException("the API server is down");

        var response = await Ingestor().PutEventsAsync("team-a", PutEvents(Entry("ci", "Build", "{}")), CancellationToken.None);

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("InternalException", response.Body["__type"]!.GetValue<string>());
        Assert.DoesNotContain("API server", response.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudEventsAsync_BusRefusesOne_500WithPerEntryErrorsSoTheSenderRetries()
    {
        _bus.Refuse = e => e.Id == "b";
        var batch = """
            [{"specversion":"1.0","id":"a","source":"ci","type":"Build"},{"specversion":"1.0","id":"b","source":"ci","type":"Build"}]
            """;

        var response = await Ingestor().CloudEventsAsync("team-a", "application/cloudevents-batch+json", [], Encoding.UTF8.GetBytes(batch), CancellationToken.None);

        // CloudEvents senders retry on 5xx; the ids are the sender's, so "a", recorded already, is not delivered twice.
        Assert.Equal(500, response.StatusCode);
        Assert.Equal(1, response.Body["FailedEntryCount"]!.GetValue<int>());
        Assert.Equal("a", response.Body["Entries"]![0]!["EventId"]!.GetValue<string>());
        Assert.Equal("InternalFailure", response.Body["Entries"]![1]!["ErrorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task CloudEventsAsync_Structured_MappedToAwsEnvelopeWithIdKept()
    {
        var body = """
            {"specversion":"1.0","id":"evt-42","source":"minio:s3","type":"s3:ObjectCreated:Put","subject":"uploads/incoming/a.csv",
             "time":"2021-11-12T00:00:00Z","datacontenttype":"application/json","data":{"object":{"key":"incoming/a.csv"}},"comexampleext":"x"}
            """;

        var response = await Ingestor().CloudEventsAsync("team-a", "application/cloudevents+json; charset=utf-8", [], Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("evt-42", response.Body["Entries"]![0]!["EventId"]!.GetValue<string>());
        var e = Assert.Single(_bus.Published).Event;
        Assert.Equal(("evt-42", "minio:s3", "s3:ObjectCreated:Put"), (e.Id, e.Source, e.DetailType));
        Assert.Equal(["uploads/incoming/a.csv"], e.Resources);
        Assert.Equal(new DateTimeOffset(2021, 11, 12, 0, 0, 0, TimeSpan.Zero), e.Time);
        Assert.Equal("incoming/a.csv", e.Detail["object"]!["key"]!.GetValue<string>());
        Assert.Equal(("eu-west-1", "123456789012"), (e.Region, e.Account));
    }

    [Fact]
    public async Task CloudEventsAsync_Binary_HeadersAndJsonBody()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("ce-specversion", "1.0"), new("ce-id", "b-1"), new("ce-source", "https://ci.example/builds"),
            new("ce-type", "build.finished"), new("Ce-Subject", "build%2F7"), new("Content-Type", "application/json"),
        ];

        var response = await Ingestor().CloudEventsAsync("team-a", "application/json", headers, Encoding.UTF8.GetBytes("""{"status":"ok"}"""), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var e = Assert.Single(_bus.Published).Event;
        Assert.Equal(("b-1", "https://ci.example/builds", "build.finished"), (e.Id, e.Source, e.DetailType));
        Assert.Equal(["build/7"], e.Resources);
        Assert.Equal(Now, e.Time);
        Assert.Equal("ok", e.Detail["status"]!.GetValue<string>());
    }

    public static TheoryData<string?, string, string> CloudEventData => new()
    {
        { "text/plain", "hello", """{"data":"hello"}""" },
        { "application/json", "[1,2]", """{"data":[1,2]}""" },
        { "application/octet-stream", "AB", """{"data_base64":"QUI="}""" },
        { "application/json", "", "{}" },
    };

    [Theory]
    [MemberData(nameof(CloudEventData))]
    public async Task CloudEventsAsync_BinaryDataNotAnObject_WrappedInDetail(string? contentType, string data, string detail)
    {
        await Ingestor().CloudEventsAsync("team-a", contentType, BinaryHeaders(), Encoding.UTF8.GetBytes(data), CancellationToken.None);

        Assert.Equal(detail, Assert.Single(_bus.Published).Event.Detail.ToJsonString());
    }

    [Fact]
    public async Task CloudEventsAsync_Batch_EachEventPublished()
    {
        var body = """
            [{"specversion":"1.0","id":"1","source":"s","type":"t","data":{"n":1}},
             {"specversion":"1.0","id":"2","source":"s","type":"t","data":{"n":2}}]
            """;

        var response = await Ingestor().CloudEventsAsync("team-a", "application/cloudevents-batch+json", [], Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["1", "2"], _bus.Published.Select(p => p.Event.Id));
    }

    public static TheoryData<string?, string[], string, string> CloudEventErrors => new()
    {
        // Structured mode, not JSON.
        { "application/cloudevents+json", [], "{", "Not a valid CloudEvent" },
        // Structured mode without the required id.
        { "application/cloudevents+json", [], """{"specversion":"1.0","source":"s","type":"t"}""", "Not a valid CloudEvent" },
        // An unknown spec version.
        { "application/cloudevents+json", [], """{"specversion":"0.1","id":"1","source":"s","type":"t"}""", "Not a valid CloudEvent" },
        // Neither mode.
        { "application/json", [], "{}", "Not a CloudEvent" },
        { null, [], "{}", "Not a CloudEvent" },
        // A malformed Content-Type.
        { "no type at all", [], "{}", "Not a valid CloudEvent" },
        // Binary mode without ce-type.
        { "application/json", ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "s"], "{}", "lacks required attributes: type" },
        // Binary mode with a spec version this endpoint does not read.
        { "application/json", ["ce-specversion", "9.9", "ce-id", "1", "ce-source", "s", "ce-type", "t"], "{}", "not a CloudEvents version" },
        // Binary mode, JSON content type but not JSON.
        { "application/json", ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "s", "ce-type", "t"], "{oops", "Not a valid CloudEvent" },
        // Binary mode with an invalid time.
        { "application/json", ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "s", "ce-type", "t", "ce-time", "noon"], "{}", "Not a valid CloudEvent" },
        // A batch over ten.
        { "application/cloudevents-batch+json", [], "[" + string.Join(',', Enumerable.Range(0, 11).Select(i => $$"""{"specversion":"1.0","id":"{{i}}","source":"s","type":"t"}""")) + "]", "1 to 10 events (it has 11)" },
        // An empty batch.
        { "application/cloudevents-batch+json", [], "[]", "1 to 10 events (it has 0)" },
        // Data over 256 KB.
        { "application/json", ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "s", "ce-type", "t"], Big(IngestLimits.MaxEntryBytes), "at most 262144" },
    };

    [Theory]
    [MemberData(nameof(CloudEventErrors))]
    public async Task CloudEventsAsync_Invalid_ValidationExceptionAndNothingPublished(string? contentType, string[] headerPairs, string body, string message)
    {
        var headers = headerPairs.Chunk(2).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();

        var response = await Ingestor().CloudEventsAsync("team-a", contentType, headers, Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("ValidationException", response.Body["__type"]!.GetValue<string>());
        Assert.Contains(message, response.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_bus.Published);
    }

    [Fact]
    public async Task CloudEventsAsync_BusRefuses_500SoTheSenderRetries()
    {
        _bus.Refuse = _ => true;

        var response = await Ingestor().CloudEventsAsync("team-a", "application/json", BinaryHeaders(), Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal(500, response.StatusCode);
        Assert.Equal(1, response.Body["FailedEntryCount"]!.GetValue<int>());
    }

    private const string MutationChars = "{}[]\",:0-9a\u00e9 \\";

    [Fact]
    public async Task BothRoutes_ArbitraryBytes_AlwaysAnAnswerNeverAnException()
    {
        // Seeded: the same bodies every run. Mutations of valid requests reach deeper than random noise.
        var random = new Random(13);
        string[] seeds =
        [
            PutEventsText(Entry("ci", "Build", """{"a":[1,{"b":null}]}""", resources: ["r"], time: "1.5")),
            """{"specversion":"1.0","id":"1","source":"s","type":"t","time":"2021-01-01T00:00:00Z","datacontenttype":"application/json","data":{"x":1}}""",
            """[{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"QUI="}]""",
        ];
        string?[] contentTypes = ["application/cloudevents+json", "application/cloudevents-batch+json", "application/json", "text/plain", null, "application/cloudevents+json; charset=latin1"];
        var ingestor = Ingestor();
        for (var i = 0; i < 3000; i++)
        {
            var body = Encoding.UTF8.GetBytes(seeds[i % seeds.Length]);
            if (i % 5 == 4)
            {
                body = new byte[random.Next(0, 64)];
                random.NextBytes(body);
            }
            else
            {
                for (var m = random.Next(1, 4); m > 0 && body.Length > 0; m--)
                {
                    body[random.Next(body.Length)] = (byte)MutationChars[random.Next(MutationChars.Length)];
                }
            }

            var put = await ingestor.PutEventsAsync("team-a", body, CancellationToken.None);
            var cloud = await ingestor.CloudEventsAsync("team-a", contentTypes[i % contentTypes.Length], BinaryHeaders(), body, CancellationToken.None);

            Assert.Contains(put.StatusCode, new[] { 200, 400 });
            Assert.Contains(cloud.StatusCode, new[] { 200, 400 });
        }
    }

    private EventIngestor Ingestor() => new(
        _bus, new EcsEventSettings { Region = "eu-west-1", Account = "123456789012" }, new FakeTimeProvider(Now), NullLogger<EventIngestor>.Instance);

    private static KeyValuePair<string, string>[] BinaryHeaders() =>
        [new("ce-specversion", "1.0"), new("ce-id", "b-1"), new("ce-source", "s"), new("ce-type", "t")];

    /// <summary>A JSON object of <paramref name="bytes"/> bytes: {"p":"xxx..."}.</summary>
    private static string Big(int bytes) => "{\"p\":\"" + new string('x', bytes - 8) + "\"}";

    private static byte[] PutEvents(params string[] entries) => Encoding.UTF8.GetBytes(PutEventsText(entries));

    private static string PutEventsText(params string[] entries) => "{\"Entries\":[" + string.Join(',', entries) + "]}";

    private static string Entry(string? source, string? detailType, string? detail, string[]? resources = null, string? time = null)
    {
        var entry = new JsonObject();
        if (source is not null)
        {
            entry["Source"] = source;
        }

        if (detailType is not null)
        {
            entry["DetailType"] = detailType;
        }

        if (detail is not null)
        {
            entry["Detail"] = detail;
        }

        if (resources is not null)
        {
            entry["Resources"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]);
        }

        if (time is not null)
        {
            entry["Time"] = JsonNode.Parse(time);
        }

        return entry.ToJsonString();
    }
}
