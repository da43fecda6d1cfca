using System.Text.Json.Nodes;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Events.Tests.Input;

/// <summary>The JSONPath subset of inputPath and inputPathsMap.</summary>
public sealed class InputPathTests
{
    private static readonly JsonNode _event = JsonNode.Parse("""
        {
          "detail-type": "Object Created",
          "resources": ["arn:a", "arn:b"],
          "detail": { "bucket": { "name": "uploads" }, "object": { "key": "a/b.csv", "size": 5, "tags": null }, "list": [{ "n": 1 }, { "n": 2 }], "a/b": "slash" }
        }
        """)!;

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.detail-type", "\"Object Created\"")]
    [InlineData("$.detail.object.key", "\"a/b.csv\"")]
    [InlineData("$.detail.object.size", "5")]
    [InlineData("$.detail.object.tags", "null")]
    [InlineData("$.resources[1]", "\"arn:b\"")]
    [InlineData("$.detail.list[0].n", "1")]
    [InlineData("$.detail.a/b", "\"slash\"")]
    [InlineData("$.detail.bucket", "{\"name\":\"uploads\"}")]
    [InlineData("$.resources[*]", "[\"arn:a\",\"arn:b\"]")]
    [InlineData("$.detail.list[*].n", "[1,2]")]
    [InlineData("$.detail.bucket.*", "[\"uploads\"]")]
    [InlineData("$.detail.missing[*]", "[]")]
    public void TryEvaluate_SupportedPath_SelectsTheValue(string path, string? expected)
    {
        Assert.True(InputPath.TryParse(path, out var parsed, out var error), error);

        Assert.True(parsed.TryEvaluate(_event, out var value));
        Assert.Equal(expected ?? _event.ToJsonString(), value?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("$.detail.missing")]
    [InlineData("$.resources[2]")]
    [InlineData("$.detail-type.length")]
    [InlineData("$.detail.object.key[0]")]
    public void TryEvaluate_NothingThere_NotFound(string path)
    {
        Assert.True(InputPath.TryParse(path, out var parsed, out _));

        Assert.False(parsed.TryEvaluate(_event, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData(null, "is empty")]
    [InlineData("detail.key", "does not start with $")]
    [InlineData("$.", "no name after the dot")]
    [InlineData("$..key", "no name after the dot")]
    [InlineData("$['detail']", "only array indices")]
    [InlineData("$.list[-1]", "only array indices")]
    [InlineData("$.list[0", "unclosed [")]
    [InlineData("$.detail key", "' ' at position 9")]
    [InlineData("$detail", "'d' at position 2")]
    public void TryParse_OutsideTheSubset_RefusedWithTheReason(string? path, string reason)
    {
        Assert.False(InputPath.TryParse(path, out var parsed, out var error));

        Assert.Null(parsed);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
