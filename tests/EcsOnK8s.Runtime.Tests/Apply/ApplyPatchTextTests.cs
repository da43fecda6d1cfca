using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Apply;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Apply;

public sealed class ApplyPatchTextTests
{
    [Theory]
    [InlineData("rocket-🚀", true)]
    [InlineData("名前-ünï\u202E-\u0000", false)]
    [InlineData("\\uD83D\\uDE80 written as text", false)]
    [InlineData("\\🚀 after a backslash", true)]
    [InlineData("plain", false)]
    public void From_AnyString_NoSurrogateEscapeLeftAndTheSameValue(string value, bool supplementary)
    {
        var node = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["team"] = value } } };

        var text = ApplyPatchText.From(node);

        Assert.Equal(value, JsonNode.Parse(text)!["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.DoesNotMatch(@"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F]", text);
        Assert.Equal(supplementary, text.Contains("🚀", StringComparison.Ordinal));
    }
}
