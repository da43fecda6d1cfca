using System.Text;

namespace EcsOnK8s.EcsProtocol.Protocol;

/// <summary>
/// <c>maxResults</c> and <c>nextToken</c> over a list sorted by key: the token carries the last key returned, so a
/// page stays right when items are added or removed between calls. The token is opaque to clients (base64url).
/// </summary>
public static class Pagination
{
    private const string Prefix = "v1:";

    /// <summary>One page of <paramref name="items"/> (sorted by <paramref name="keyOf"/>, ordinal, ascending unless <paramref name="descending"/>) and the token of the next, if any.</summary>
    public static (List<T> Page, string? NextToken) Page<T>(
        IEnumerable<T> items, Func<T, string> keyOf, int? maxResults, string? nextToken, int defaultMax, int limit = 100, bool descending = false)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        if (maxResults is { } m && (m < 1 || m > limit))
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, $"maxResults: {m} is out of range (1 to {limit}).");
        }

        var after = nextToken is null ? null : Decode(nextToken);
        var size = maxResults ?? defaultMax;
        var sign = descending ? -1 : 1;
        var ordered = descending ? items.OrderByDescending(keyOf, StringComparer.Ordinal) : items.OrderBy(keyOf, StringComparer.Ordinal);
        var remaining = ordered
            .Where(i => after is null || sign * string.CompareOrdinal(keyOf(i), after) > 0)
            .Take(size + 1)
            .ToList();
        if (remaining.Count <= size)
        {
            return (remaining, null);
        }

        remaining.RemoveAt(size);
        return (remaining, Encode(keyOf(remaining[^1])));
    }

    public static string Encode(string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + lastKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return text[Prefix.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw new EcsApiException(EcsErrorType.InvalidParameterException, "nextToken: not a token this endpoint returned.");
    }
}
