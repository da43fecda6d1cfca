using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>
/// The text of a server-side apply body. The API server reads <c>application/apply-patch+yaml</c> with a YAML parser,
/// which refuses a lone surrogate escape (<c>\uD83D</c>) as "invalid Unicode character escape code", and
/// System.Text.Json writes every character beyond the Basic Multilingual Plane (an emoji in a label or a variable) as
/// a pair of them. The pairs are written as the characters themselves (valid JSON and YAML alike).
/// </summary>
internal static partial class ApplyPatchText
{
    public static string From(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var json = node.ToJsonString();
        return json.Contains("\\uD", StringComparison.OrdinalIgnoreCase) ? SurrogatePair().Replace(json, Unescape) : json;
    }

    private static string Unescape(Match match) => string.Concat(
        match.Groups["prefix"].Value,
        (char)Convert.ToInt32(match.Groups["high"].Value, 16),
        (char)Convert.ToInt32(match.Groups["low"].Value, 16));

    // An escape only where its backslash is not itself escaped: an even run of backslashes (pairs) before it.
    [GeneratedRegex(@"(?<prefix>(?<!\\)(?:\\\\)*)\\u(?<high>[dD][89abAB][0-9a-fA-F]{2})\\u(?<low>[dD][c-fC-F][0-9a-fA-F]{2})")]
    private static partial Regex SurrogatePair();
}
