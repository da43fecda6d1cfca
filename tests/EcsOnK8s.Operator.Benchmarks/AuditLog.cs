using System.Text.Json;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The write requests kube-apiserver audited (<c>hack/control-plane.sh up --audit-policy</c>, JSON lines): what the
/// living-cluster benchmark counts from the API server's side, not from the operator's own counters.
/// </summary>
internal static class AuditLog
{
    /// <summary>Logs every write at Metadata level, nothing else.</summary>
    public const string Policy = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: Metadata
          verbs: [create, update, patch, delete, deletecollection]
        - level: None
        """;

    /// <summary>The user agent of the benchmark's own client, so that its writes are told apart from the operator's (both are the admin user).</summary>
    public const string BenchmarkUserAgent = "ecsonk8s-benchmark";

    /// <summary>The admin certificate's user (hack/control-plane.sh), which the operator and the benchmark use.</summary>
    public const string AdminUser = "ecsonk8s-admin";

    public static async Task<IReadOnlyList<AuditedWrite>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var writes = new List<AuditedWrite>();
        if (!File.Exists(path))
        {
            return writes;
        }

        // The API server keeps appending: share the file, and skip a last line it has not finished.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var objectRef = root.TryGetProperty("objectRef", out var o) ? o : default;
                var resource = Text(objectRef, "resource") ?? string.Empty;
                var subresource = Text(objectRef, "subresource");
                writes.Add(new AuditedWrite(
                    root.GetProperty("requestReceivedTimestamp").GetDateTimeOffset(),
                    root.GetProperty("verb").GetString() ?? string.Empty,
                    root.GetProperty("user").GetProperty("username").GetString() ?? string.Empty,
                    Text(root, "userAgent") ?? string.Empty,
                    subresource is null ? resource : $"{resource}/{subresource}",
                    Text(objectRef, "name") ?? string.Empty,
                    root.TryGetProperty("responseStatus", out var status) && status.TryGetProperty("code", out var code) ? code.GetInt32() : 0));
            }
            catch (JsonException)
            {
                // A line the API server is still writing.
            }
        }

        return writes;

        static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
