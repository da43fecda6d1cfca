using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsOnK8s.EcsProtocol.Protocol;

namespace EcsOnK8s.EcsProtocol.Auth;

/// <summary>
/// Verifies a request's SigV4 <c>Authorization</c> header for one service and region, and answers a refusal as AWS
/// does: no header <see cref="EcsErrorType.MissingAuthenticationTokenException"/>; a malformed one
/// <see cref="EcsErrorType.IncompleteSignatureException"/>; an unknown key <see cref="EcsErrorType.UnrecognizedClientException"/>;
/// a wrong scope, a date outside the allowed skew ("Signature expired"), or a signature that does not match
/// <see cref="EcsErrorType.InvalidSignatureException"/>. The skew bounds how long a captured request can be replayed.
/// Messages never carry the secret or a signature.
/// </summary>
public sealed class SigV4Verifier(string region, string service, TimeProvider time)
{
    /// <summary>How far the request's date may be from the server's clock (AWS allows 5 minutes).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public string Region => region;

    public string Service => service;

    /// <summary>The access key id of a correctly signed request; throws <see cref="EcsApiException"/> otherwise.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="secretOf">The secret access key of an access key id, or null when there is no such key.</param>
    public string Verify(SigV4Request request, Func<string, string?> secretOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secretOf);
        var authorization = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new EcsApiException(EcsErrorType.MissingAuthenticationTokenException, "Missing Authentication Token");
        }

        var (accessKeyId, scope, signedHeaders, signature) = ParseAuthorization(authorization);
        var amzDate = request.Header(SigV4.DateHeader);
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, SigV4.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            throw new EcsApiException(EcsErrorType.IncompleteSignatureException, $"Authorization header requires existence of either a '{SigV4.DateHeader}' or a 'Date' header (format {SigV4.DateFormat}).");
        }

        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            throw new EcsApiException(EcsErrorType.IncompleteSignatureException, "The signed headers must include host and x-amz-date.");
        }

        var scopeParts = scope.Split('/');
        if (scopeParts.Length != 4 || scopeParts[3] != "aws4_request")
        {
            throw new EcsApiException(EcsErrorType.IncompleteSignatureException, "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }

        var secret = secretOf(accessKeyId) ?? throw new EcsApiException(EcsErrorType.UnrecognizedClientException, "The security token included in the request is invalid.");
        if (scopeParts[0] != amzDate[..8])
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException, $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeParts[0]}' != '{amzDate[..8]}'.");
        }

        if (scopeParts[1] != region)
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException, $"Credential should be scoped to a valid region, not '{scopeParts[1]}'. Use region '{region}'.");
        }

        if (scopeParts[2] != service)
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException, $"Credential should be scoped to correct service: '{service}'.");
        }

        var now = time.GetUtcNow();
        if (signedAt < now - MaxSkew)
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException,
                $"Signature expired: {amzDate} is now earlier than {Format(now - MaxSkew)} ({Format(now)} - 5 min.)");
        }

        if (signedAt > now + MaxSkew)
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException,
                $"Signature not yet current: {amzDate} is still later than {Format(now + MaxSkew)} ({Format(now)} + 5 min.)");
        }

        var bodyHash = SigV4.HexSha256(request.Body.Span);
        if (request.Header("X-Amz-Content-Sha256") is { } declared && !string.Equals(declared, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var canonical = SigV4.CanonicalRequest(request.Method, request.Path, request.Query, request.Headers, signedHeaders, bodyHash);
        var expected = SigV4.Signature(secret, amzDate, scope, canonical);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            throw new EcsApiException(EcsErrorType.InvalidSignatureException, SignatureMismatch);
        }

        return accessKeyId;
    }

    /// <summary>The access key id an Authorization header names (for logs and metrics), or null.</summary>
    public static string? AccessKeyIdOf(string? authorization)
    {
        try
        {
            return authorization is null ? null : ParseAuthorization(authorization).AccessKeyId;
        }
        catch (EcsApiException)
        {
            return null;
        }
    }

    private static (string AccessKeyId, string Scope, List<string> SignedHeaders, string Signature) ParseAuthorization(string authorization)
    {
        var trimmed = authorization.Trim();
        if (!trimmed.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            throw new EcsApiException(EcsErrorType.IncompleteSignatureException, $"Authorization header must use {SigV4.Algorithm}.");
        }

        var fields = trimmed[SigV4.Algorithm.Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signed) || !fields.TryGetValue("Signature", out var signature)
            || credential.Length == 0 || signed.Length == 0 || signature.Length != 64 || !signature.All(char.IsAsciiHexDigit))
        {
            throw new EcsApiException(EcsErrorType.IncompleteSignatureException, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        var slash = credential.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new EcsApiException(EcsErrorType.IncompleteSignatureException, "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }

        return (credential[..slash], credential[(slash + 1)..], [.. signed.Split(';')], signature);
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture);
}
