using System.Text.Json;

namespace EcsOnK8s.Testing;

/// <summary>One request as kube-apiserver audited it (audit.k8s.io/v1 Event, the fields tests look at).</summary>
public sealed record AuditEvent(
    string Verb,
    string User,
    string? Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    DateTimeOffset RequestReceived,
    int? Code,
    string? UserAgent)
{
    /// <summary>The verbs that change what the API server stores.</summary>
    public static readonly IReadOnlySet<string> WriteVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "create", "update", "patch", "delete", "deletecollection",
    };

    public bool IsWrite => WriteVerbs.Contains(Verb);

    /// <summary>e.g. <c>patch ecsservices/status ns/web</c>.</summary>
    public override string ToString() =>
        $"{RequestReceived:HH:mm:ss.ffffff} {Verb} {Resource}{(Subresource is null ? "" : "/" + Subresource)} {Namespace}/{Name} by {User}: {Code}";

    /// <summary>Reads an audit log written with <c>--audit-log-format=json</c> (one event a line).</summary>
    public static async Task<IReadOnlyList<AuditEvent>> ReadLogAsync(string path, CancellationToken cancellationToken = default)
    {
        var events = new List<AuditEvent>();
        if (!File.Exists(path))
        {
            return events;
        }

        // The API server keeps appending: share the file, and skip a last line it has not finished writing.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                var objectRef = root.TryGetProperty("objectRef", out var o) ? o : default;
                events.Add(new AuditEvent(
                    root.GetProperty("verb").GetString() ?? string.Empty,
                    root.GetProperty("user").GetProperty("username").GetString() ?? string.Empty,
                    Text(objectRef, "resource"),
                    Text(objectRef, "subresource"),
                    Text(objectRef, "namespace"),
                    Text(objectRef, "name"),
                    root.GetProperty("requestReceivedTimestamp").GetDateTimeOffset(),
                    root.TryGetProperty("responseStatus", out var status) && status.TryGetProperty("code", out var code) ? code.GetInt32() : null,
                    Text(root, "userAgent")));
            }
        }

        return events;

        static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
