using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EcsOnK8s.Runtime.Tests.Apply;

/// <summary>
/// A tiny API server in a client's HTTP pipeline: objects by path, GET, server-side apply (stored as sent, with a
/// UID, generation and resourceVersion added) and status PUTs. Records every request.
/// </summary>
internal sealed class FakeApiServer : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private long _resourceVersion = 100;

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public int Writes => Requests.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal));

    /// <summary>Stores an object at <paramref name="path"/> (e.g. <c>api/v1/namespaces/default/configmaps/a</c>).</summary>
    public void Put(string path, JsonObject obj)
    {
        lock (_lock)
        {
            _objects[path] = obj;
        }
    }

    public JsonObject? Get(string path)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(path)?.DeepClone().AsObject();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_lock)
        {
            _requests.Add($"{request.Method} {path}");
            if (request.Method == HttpMethod.Get)
            {
                return _objects.TryGetValue(path, out var found) ? Json(HttpStatusCode.OK, found) : NotFound();
            }

            if (request.Method == HttpMethod.Patch)
            {
                var sent = JsonNode.Parse(body!)!.AsObject();
                var metadata = sent["metadata"]!.AsObject();
                var existing = _objects.GetValueOrDefault(path)?["metadata"];
                metadata["uid"] = existing?["uid"]?.GetValue<string>() ?? $"uid-{Guid.NewGuid():N}";
                metadata["generation"] = (existing?["generation"]?.GetValue<long>() ?? 0) + 1;
                metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
                _objects[path] = sent;
                return Json(HttpStatusCode.OK, sent);
            }

            return new HttpResponseMessage(HttpStatusCode.MethodNotAllowed);
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode code, JsonObject obj) =>
        new(code) { Content = new StringContent(obj.ToJsonString(), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage NotFound() =>
        new(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""", Encoding.UTF8, "application/json"),
        };
}
