using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Events.Tests.Input;

/// <summary>input, inputPath, inputTransformer or none: what a target receives.</summary>
public sealed class TargetInputTests
{
    private const string Path = "spec.targets[1].http";

    private static readonly InputContext _context = InputContext.For(EcsEventSettings.Default, "ns", "rule", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Render_NoInputField_TheWholeEvent()
    {
        var evt = SampleEvents.Parse(SampleEvents.S3ObjectCreated);

        var payload = Compile(null, null, null).Render(evt, _context);

        Assert.Equal(TargetInputKind.MatchedEvent, Compile(null, null, null).Kind);
        Assert.True(JsonNode.DeepEquals(evt, payload.Json));
    }

    [Fact]
    public void Render_Input_TheConstantWhateverTheEvent()
    {
        var input = Compile("""{"containerOverrides": [{"name": "app", "command": ["run"]}]}""", null, null);

        var payload = input.Render(SampleEvents.Parse(SampleEvents.S3ObjectCreated), _context);

        Assert.Equal(TargetInputKind.Constant, input.Kind);
        Assert.Equal("""{"containerOverrides":[{"name":"app","command":["run"]}]}""", payload.Text);
    }

    [Theory]
    [InlineData("$.detail.bucket", """{"name":"uploads"}""")]
    [InlineData("$.detail.object.size", "5")]
    [InlineData("$.detail.nothing", "null")]
    public void Render_InputPath_ThePartOfTheEvent(string path, string expected)
    {
        var payload = Compile(null, path, null).Render(SampleEvents.Parse(SampleEvents.S3ObjectCreated), _context);

        Assert.True(payload.IsJson);
        Assert.Equal(expected, payload.Text);
    }

    [Fact]
    public void Render_Twice_EventAndConstantUnchanged()
    {
        var evt = SampleEvents.Parse(SampleEvents.S3ObjectCreated);
        var before = evt.ToJsonString();
        var input = Compile(null, "$.detail", null);

        input.Render(evt, _context).Json!["bucket"] = "changed";

        Assert.Equal(before, evt.ToJsonString());
        Assert.Equal("uploads", input.Render(evt, _context).Json!["bucket"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{}", "$", null, Path, "input and inputPath are set")]
    [InlineData("{}", null, "t", Path, "input and inputTransformer are set")]
    [InlineData(null, "$", "t", Path, "inputPath and inputTransformer are set")]
    [InlineData("{\"a\": ", null, null, Path + ".input", "is not valid JSON")]
    [InlineData("not json", null, null, Path + ".input", "is not valid JSON")]
    [InlineData("{\"a\": 1, \"a\": 2}", null, null, Path + ".input", "is not valid JSON")]
    [InlineData(null, "detail", null, Path + ".inputPath", "does not start with $")]
    [InlineData(null, null, "", Path + ".inputTransformer.inputTemplate", "is required")]
    public void Compile_Invalid_RefusedWithPathAndReason(string? input, string? inputPath, string? template, string errorPath, string reason)
    {
        var errors = new List<InputError>();
        var transformer = template is null ? null : new InputTransformer { InputTemplate = template };

        var compiled = TargetInput.Compile(input, inputPath, transformer, Path, errors);

        Assert.Null(compiled);
        var error = Assert.Single(errors);
        Assert.Equal(errorPath, error.Path);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    private static TargetInput Compile(string? input, string? inputPath, InputTransformer? transformer)
    {
        var errors = new List<InputError>();
        var compiled = TargetInput.Compile(input, inputPath, transformer, Path, errors);
        Assert.True(compiled is not null, string.Join("; ", errors));
        return compiled;
    }
}
