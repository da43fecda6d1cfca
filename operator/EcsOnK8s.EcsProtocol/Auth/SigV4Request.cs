namespace EcsOnK8s.EcsProtocol.Auth;

/// <summary>What SigV4 signs of an HTTP request: method, path (decoded), raw query string (without '?'), headers, body.</summary>
public sealed record SigV4Request(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>The values of a header (case-insensitive name), in order.</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Header(string name) => HeaderValues(name).FirstOrDefault();
}
