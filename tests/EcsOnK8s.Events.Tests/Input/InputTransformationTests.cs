using System.Text.Json.Nodes;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Events.Tests.Input;

/// <summary>The input transformer: EventBridge's documented examples, its rules for strings and JSON, predefined variables, and refusals.</summary>
public sealed class InputTransformationTests
{
    private const string Path = "spec.targets[0].http.inputTransformer";

    private static readonly Dictionary<string, string> _ec2Paths = new()
    {
        ["instance"] = "$.detail.instance-id",
        ["state"] = "$.detail.state",
        ["timestamp"] = "$.time",
        ["resource"] = "$.resources[0]",
    };

    private static readonly InputContext _context = InputContext.For(
        new EcsEventSettings { Region = "us-east-1", Account = "123456789012" }, "ops", "ec2-watch", new DateTimeOffset(2015, 11, 11, 21, 29, 55, TimeSpan.Zero));

    /// <summary>Template, whether the output is JSON, and the output (JSON compared as JSON, text as text).</summary>
    public static TheoryData<string, bool, string> Documented => new()
    {
        // JSON template: a value outside quotes is placed as JSON (a string gets its quotes).
        { """{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}""", true, """{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}""" },
        // A JSON string with placeholders in it.
        { "\"instance <instance> is in <state>\"", true, "\"instance i-0123456789 is in RUNNING\"" },
        // Text: values as text.
        { "<instance> is in state <state>", false, "i-0123456789 is in state RUNNING" },
        // Variables in and out of quotes, escaped quotes around one.
        { """{"myInstance": <instance>, "myStatus": "<instance> is in state \"<state>\""}""", true, """{"myInstance":"i-0123456789","myStatus":"i-0123456789 is in state \"RUNNING\""}""" },
        { """{"at": "<timestamp>", "arn": <resource>}""", true, """{"at":"2015-11-11T21:29:54Z","arn":"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}""" },
        // Predefined variables.
        { """{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>", "received": <aws.events.event.ingestion-time>}""", true, """{"rule":"ec2-watch","arn":"arn:aws:events:us-east-1:123456789012:rule/ops/ec2-watch","received":"2015-11-11T21:29:55Z"}""" },
        { "Rule <aws.events.rule-name>: <instance>", false, "Rule ec2-watch: i-0123456789" },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void Render_DocumentedTemplates_DocumentedOutput(string template, bool isJson, string expected)
    {
        var payload = Compile(_ec2Paths, template).Render(SampleEvents.Parse(SampleEvents.Ec2StateChange), _context);

        Assert.Equal(isJson, payload.IsJson);
        if (isJson)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), payload.Json), $"got {payload.Text}");
        }
        else
        {
            Assert.Equal(expected, payload.Text);
        }
    }

    [Fact]
    public void Render_ObjectsAndNumbers_AsJsonOutsideStringsAndAsEscapedTextInside()
    {
        var paths = new Dictionary<string, string> { ["object"] = "$.detail.object", ["size"] = "$.detail.object.size", ["key"] = "$.detail.object.key" };

        var payload = Compile(paths, """{"object": <object>, "size": <size>, "text": "<object>", "sizeText": "<size> bytes", "key": <key>, "keyText": "key=<key>"}""")
            .Render(SampleEvents.Parse(SampleEvents.S3ObjectCreated), _context);

        var json = payload.Json!;
        Assert.Equal(5, json["object"]!["size"]!.GetValue<int>());
        Assert.Equal(5, json["size"]!.GetValue<int>());
        Assert.Equal(JsonNode.Parse(SampleEvents.S3ObjectCreated)!["detail"]!["object"]!.ToJsonString(), JsonNode.Parse(json["text"]!.GetValue<string>())!.ToJsonString());
        Assert.Equal("5 bytes", json["sizeText"]!.GetValue<string>());
        Assert.Equal("incoming/2021/report \"Q3\".csv", json["key"]!.GetValue<string>());
        Assert.Equal("key=incoming/2021/report \"Q3\".csv", json["keyText"]!.GetValue<string>());
    }

    [Fact]
    public void Render_MissingPath_NullAsValueAndNothingInsideStringsOrText()
    {
        var paths = new Dictionary<string, string> { ["gone"] = "$.detail.nothing" };

        var json = Compile(paths, """{"value": <gone>, "text": "[<gone>]"}""").Render(SampleEvents.Parse(SampleEvents.Ec2StateChange), _context).Json!;
        var text = Compile(paths, "gone: [<gone>]").Render(SampleEvents.Parse(SampleEvents.Ec2StateChange), _context).Text;
        var array = Compile(paths, "[<gone>]").Render(SampleEvents.Parse(SampleEvents.Ec2StateChange), _context);

        Assert.Equal("""{"value":null,"text":"[]"}""", json.ToJsonString());
        Assert.Equal("gone: []", text);
        Assert.True(array.IsJson);
        Assert.Equal("[null]", array.Text);
    }

    [Fact]
    public void Render_EventVariables_WholeEventAndEventWithoutDetail()
    {
        var evt = SampleEvents.Parse(SampleEvents.Ec2StateChange);

        var json = Compile(null, """{"all": <aws.events.event.json>, "envelope": <aws.events.event>}""").Render(evt, _context).Json!;

        Assert.True(JsonNode.DeepEquals(evt, json["all"]));
        var envelope = json["envelope"]!.AsObject();
        Assert.False(envelope.ContainsKey("detail"));
        Assert.Equal("aws.ec2", envelope["source"]!.GetValue<string>());
        Assert.NotNull(evt["detail"]);
    }

    [Fact]
    public void Render_NonAsciiAndControlCharacters_ValidJsonKeepingTheText()
    {
        var evt = JsonNode.Parse("""{"detail": {"key": "ü/ä & <b>\n\ttab\\"}}""");

        var payload = Compile(new Dictionary<string, string> { ["key"] = "$.detail.key" }, """{"k": "<key>", "v": <key>}""").Render(evt, _context);

        Assert.Equal("ü/ä & <b>\n\ttab\\", payload.Json!["k"]!.GetValue<string>());
        Assert.Equal("ü/ä & <b>\n\ttab\\", payload.Json!["v"]!.GetValue<string>());
        Assert.Contains("ü/ä & <b>", payload.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LiteralAngleBracketsThatAreNoPlaceholder_KeptAsText()
    {
        var payload = Compile(_ec2Paths, "if a < b and c > d then <state>").Render(SampleEvents.Parse(SampleEvents.Ec2StateChange), _context);

        Assert.Equal("if a < b and c > d then RUNNING", payload.Text);
    }

    public static TheoryData<Dictionary<string, string>?, string?, string, string> Refused => new()
    {
        { null, null, Path + ".inputTemplate", "is required" },
        { null, "", Path + ".inputTemplate", "is required" },
        { null, new string('x', 8193), Path + ".inputTemplate", "at most 8192" },
        { Enumerable.Range(0, 101).ToDictionary(i => $"v{i}", _ => "$.detail"), "<v0>", Path + ".inputPathsMap", "101 variables; at most 100" },
        { new() { ["aws.mine"] = "$.detail" }, "{}", Path + ".inputPathsMap.aws.mine", "letters, digits" },
        { new() { ["AWS_x"] = "$.detail" }, "{}", "", "" },
        { new() { ["bad name"] = "$.detail" }, "{}", Path + ".inputPathsMap.bad name", "letters, digits" },
        { new() { ["key"] = "detail.key" }, "<key>", Path + ".inputPathsMap.key", "does not start with $" },
        { new() { ["key"] = "$['detail']" }, "<key>", Path + ".inputPathsMap.key", "only array indices" },
        { null, "{\"a\": <undefined>}", Path + ".inputTemplate", "<undefined> is neither in inputPathsMap nor a predefined variable" },
        { new() { ["k"] = "$.detail" }, "{\"<k>\": 1}", Path + ".inputTemplate", "object key" },
        { new() { ["k"] = "$.detail" }, "{<k>: 1}", Path + ".inputTemplate", "not valid JSON" },
        { new() { ["k"] = "$.detail" }, "{\"a\": <k>,}", Path + ".inputTemplate", "not valid JSON" },
        { new() { ["k"] = "$.detail" }, "{\"a\": \"<k>}", Path + ".inputTemplate", "not valid JSON" },
        { new() { ["k"] = "$.detail" }, "{\"a\": <k>, \"b\": {\"c\": 1, \"c\": 2}}", Path + ".inputTemplate", "not valid JSON" },
        { null, "{\"e\": \"<aws.events.event.json>\"}", Path + ".inputTemplate", "can only be a JSON value" },
        { null, "{\"e\": \"<aws.events.event>\"}", Path + ".inputTemplate", "can only be a JSON value" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Compile_Invalid_RefusedWithPathAndReason(Dictionary<string, string>? paths, string? template, string errorPath, string reason)
    {
        var errors = new List<InputError>();

        var compiled = InputTransformation.Compile(paths, template, Path, errors);

        if (errorPath.Length == 0)
        {
            // AWS_x: only names starting with "aws." are reserved.
            Assert.NotNull(compiled);
            Assert.Empty(errors);
            return;
        }

        Assert.Null(compiled);
        Assert.Contains(errors, e => e.Path == errorPath && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_DottedNameLikeThePredefinedOnes_Refused()
    {
        var errors = new List<InputError>();

        InputTransformation.Compile(new Dictionary<string, string> { ["AWS.x"] = "$.detail" }, "{}", Path, errors);
        InputTransformation.Compile(new Dictionary<string, string> { ["Aws-x"] = "$.detail" }, "{}", Path, errors);

        Assert.Single(errors);
        Assert.Equal(Path + ".inputPathsMap.AWS.x", errors[0].Path);
    }

    [Fact]
    public void Compile_SeveralProblems_ReportsEach()
    {
        var errors = new List<InputError>();

        InputTransformation.Compile(new Dictionary<string, string> { ["a"] = "x", ["b"] = "$[" }, "<c> <d>", Path, errors);

        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Compile_HundredVariables_Accepted()
    {
        var errors = new List<InputError>();
        var paths = Enumerable.Range(0, 100).ToDictionary(i => $"v{i}", i => $"$.detail.v{i}");

        var compiled = InputTransformation.Compile(paths, "<v0><v99>", Path, errors);

        Assert.NotNull(compiled);
        Assert.Empty(errors);
    }

    private static InputTransformation Compile(Dictionary<string, string>? paths, string template)
    {
        var errors = new List<InputError>();
        var compiled = InputTransformation.Compile(paths, template, Path, errors);
        Assert.True(compiled is not null, string.Join("; ", errors));
        return compiled;
    }
}
