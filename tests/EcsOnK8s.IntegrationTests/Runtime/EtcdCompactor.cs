using System.Net.Http.Json;
using System.Text.Json;
using EcsOnK8s.Testing;

namespace EcsOnK8s.IntegrationTests.Runtime;

/// <summary>Compacts the local control plane's etcd through its HTTP gateway (no etcdctl needed).</summary>
internal static class EtcdCompactor
{
    /// <summary>The etcd client URL of the local control plane, or null for other backends.</summary>
    public static Uri? Endpoint(KubeFixture fixture)
    {
        if (fixture.ControlPlane is not { } plane)
        {
            return null;
        }

        var line = File.ReadAllLines(Path.Combine(plane.Directory, "env")).FirstOrDefault(l => l.StartsWith("ECSONK8S_ETCD_PORT=", StringComparison.Ordinal));
        return line is null ? null : new Uri($"http://127.0.0.1:{line.Split('=', 2)[1]}/");
    }

    /// <summary>Compacts all history up to the current revision; returns that revision.</summary>
    public static async Task<long> CompactAsync(Uri endpoint)
    {
        using var http = new HttpClient { BaseAddress = endpoint };
        using var range = await http.PostAsJsonAsync("v3/kv/range", new { key = "AA==" });
        range.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await range.Content.ReadAsStringAsync());
        var revision = long.Parse(document.RootElement.GetProperty("header").GetProperty("revision").GetString()!);
        using var compact = await http.PostAsJsonAsync("v3/kv/compaction", new { revision = revision.ToString(), physical = true });
        compact.EnsureSuccessStatusCode();
        return revision;
    }
}
