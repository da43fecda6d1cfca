using System.Text;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// <c>wildcard</c>: <c>*</c> stands for any run of characters (none included), <c>\*</c> and <c>\\</c> for a
/// literal star and backslash; case-sensitive, strings only. The literal pieces between stars are found left to
/// right, which is exact for a language whose only metacharacter is <c>*</c>.
/// </summary>
internal sealed class WildcardMatcher : ValueMatcher
{
    private readonly byte[][] _pieces;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;

    private WildcardMatcher(byte[][] pieces, bool anchoredStart, bool anchoredEnd)
    {
        _pieces = pieces;
        _anchoredStart = anchoredStart;
        _anchoredEnd = anchoredEnd;
    }

    /// <summary>The matcher, or null and the reason the wildcard text is refused.</summary>
    public static (WildcardMatcher? Matcher, string Reason) Create(string text)
    {
        var pieces = new List<byte[]>();
        var piece = new StringBuilder();
        var anchoredStart = true;
        var anchoredEnd = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('*' or '\\'))
                {
                    return (null, $"wildcard '{text}' has a backslash at position {i} that escapes neither '*' nor '\\'");
                }

                piece.Append(text[++i]);
            }
            else if (c == '*')
            {
                if (i + 1 < text.Length && text[i + 1] == '*')
                {
                    return (null, $"wildcard '{text}' has consecutive '*' at position {i}; EventBridge refuses '**'");
                }

                if (i == 0)
                {
                    anchoredStart = false;
                }
                else
                {
                    pieces.Add(Encoding.UTF8.GetBytes(piece.ToString()));
                    piece.Clear();
                }

                if (i == text.Length - 1)
                {
                    anchoredEnd = false;
                }
            }
            else
            {
                piece.Append(c);
            }
        }

        if (anchoredEnd)
        {
            pieces.Add(Encoding.UTF8.GetBytes(piece.ToString()));
        }

        return (new WildcardMatcher([.. pieces], anchoredStart, anchoredEnd), string.Empty);
    }

    public override bool Matches(scoped in LeafValue value)
    {
        if (!value.IsString)
        {
            return false;
        }

        var rest = value.Utf8;
        var pieces = _pieces.AsSpan();
        if (pieces.IsEmpty)
        {
            return true;
        }

        if (_anchoredStart)
        {
            if (!rest.StartsWith(pieces[0]))
            {
                return false;
            }

            if (pieces.Length == 1 && _anchoredEnd)
            {
                return rest.Length == pieces[0].Length;
            }

            rest = rest[pieces[0].Length..];
            pieces = pieces[1..];
        }

        if (_anchoredEnd)
        {
            var last = pieces[^1];
            if (!rest.EndsWith(last))
            {
                return false;
            }

            rest = rest[..^last.Length];
            pieces = pieces[..^1];
        }

        foreach (var piece in pieces)
        {
            var at = rest.IndexOf(piece);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + piece.Length)..];
        }

        return true;
    }
}
