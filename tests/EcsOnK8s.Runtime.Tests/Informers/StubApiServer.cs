using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace EcsOnK8s.Runtime.Tests.Informers;

/// <summary>
/// The HTTP side of an API server for one collection, as raw JSON: LIST answers with the stored objects as they are
/// (so a test can store what no model can read), WATCH streams the events a test sends, one watch at a time.
/// </summary>
internal sealed class StubApiServer : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<string> _watchResourceVersions = [];
    private Channel<string>? _watch;
    private long _resourceVersion = 100;

    public int Lists { get; private set; }

    /// <summary>The resourceVersion parameter of every watch request, in order.</summary>
    public IReadOnlyList<string> WatchResourceVersions
    {
        get
        {
            lock (_lock)
            {
                return [.. _watchResourceVersions];
            }
        }
    }

    public bool Watching
    {
        get
        {
            lock (_lock)
            {
                return _watch is not null;
            }
        }
    }

    /// <summary>Stores an object (a new resource version) and sends it to the open watch, if any; returns its resource version.</summary>
    public string Put(JsonObject item)
    {
        lock (_lock)
        {
            var metadata = item["metadata"]!.AsObject();
            var key = $"{metadata["namespace"]}/{metadata["name"]}";
            var type = _objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
            var version = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            metadata["resourceVersion"] = version;
            _objects[key] = (JsonObject)item.DeepClone();
            Send(type, item);
            return version;
        }
    }

    public string Delete(string @namespace, string name)
    {
        lock (_lock)
        {
            _objects.Remove($"{@namespace}/{name}", out var gone);
            var version = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            gone!["metadata"]!["resourceVersion"] = version;
            Send("DELETED", gone);
            return version;
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query;
        lock (_lock)
        {
            if (!query.Contains("watch=true", StringComparison.Ordinal))
            {
                Lists++;
                var list = new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "DeploymentList",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray([.. _objects.Values.Select(o => o.DeepClone())]),
                };
                return Task.FromResult(Respond(new StringContent(list.ToJsonString(), Encoding.UTF8, "application/json")));
            }

            var version = query.Split('&').Select(Uri.UnescapeDataString).First(p => p.Contains("resourceVersion=", StringComparison.Ordinal));
            _watchResourceVersions.Add(version[(version.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            _watch?.Writer.TryComplete();
            var channel = Channel.CreateUnbounded<string>();
            _watch = channel;
            var pipe = new Pipe();
            _ = PumpAsync(channel, pipe.Writer, cancellationToken);
            return Task.FromResult(Respond(new StreamContent(pipe.Reader.AsStream())));
        }
    }

    private void Send(string type, JsonObject item) =>
        _watch?.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString() + "\n");

    private async Task PumpAsync(Channel<string> channel, PipeWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_lock)
            {
                if (_watch == channel)
                {
                    _watch = null;
                }
            }

            await writer.CompleteAsync();
        }
    }

    private static HttpResponseMessage Respond(HttpContent content) => new(HttpStatusCode.OK) { Content = content };
}
