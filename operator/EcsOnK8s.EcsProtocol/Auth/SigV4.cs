using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcsOnK8s.EcsProtocol.Auth;

/// <summary>
/// AWS Signature Version 4 (HMAC-SHA256, header form): the canonical request, the string to sign, the signing key and
/// the signature, as AWS's SDKs compute them. <see cref="SigV4Verifier"/> checks a request with it; tests and the
/// benchmark sign their requests with <see cref="Sign"/>.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string DateHeader = "X-Amz-Date";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// Adds <c>X-Amz-Date</c> and <c>Authorization</c> to <paramref name="headers"/> (which must hold <c>Host</c>),
    /// signing every header given.
    /// </summary>
    public static void Sign(
        string method, string path, string query, List<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body,
        string accessKeyId, string secretAccessKey, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var amzDate = now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        headers.Add(new(DateHeader, amzDate));
        var signed = headers.Select(h => h.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var canonical = CanonicalRequest(method, path, query, headers, signed, HexSha256(body));
        var signature = Signature(secretAccessKey, amzDate, scope, canonical);
        headers.Add(new("Authorization", $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}"));
    }

    /// <summary>The canonical request of the signed headers (lower-case names, in order).</summary>
    public static string CanonicalRequest(
        string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        var all = headers.ToList();
        var text = new StringBuilder();
        text.Append(method).Append('\n');
        text.Append(CanonicalPath(path)).Append('\n');
        text.Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = all.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => TrimValue(h.Value));
            text.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        text.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return text.ToString();
    }

    /// <summary>The hex signature of a canonical request under the scope DATE/REGION/SERVICE/aws4_request.</summary>
    public static string Signature(string secretAccessKey, string amzDate, string scope, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parts = scope.Split('/');
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), parts[0]);
        key = Hmac(key, parts[1]);
        key = Hmac(key, parts[2]);
        key = Hmac(key, parts[3]);
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Each path segment URI-encoded as SigV4 wants it (unreserved characters kept); empty is "/".</summary>
    public static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(s => Encode(s)));
    }

    /// <summary>Parameters decoded, re-encoded, sorted by name then value.</summary>
    public static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? p : p[..eq];
            var value = eq < 0 ? string.Empty : p[(eq + 1)..];
            return (Name: Encode(Uri.UnescapeDataString(name.Replace('+', ' '))), Value: Encode(Uri.UnescapeDataString(value.Replace('+', ' '))));
        });
        return string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>RFC 3986 encoding: unreserved characters (A-Z a-z 0-9 - _ . ~) as they are, every other byte as %XX.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    // Leading and trailing space trimmed, runs of spaces inside collapsed to one.
    private static string TrimValue(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
