using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// Lists and watches a resource over REST by group/version/plural, decoding watch lines with
/// <see cref="KubernetesJson"/>. Works for built-in kinds and custom resources alike.
/// </summary>
public sealed class KubernetesListWatchSource<T> : IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    // The list or watch envelope is read with no practical depth limit: an object nested deeper than the typed
    // model reads (64) must fail alone, as an undecodable object, not fail the whole list or watch of its kind.
    private static readonly JsonDocumentOptions EnvelopeOptions = new() { MaxDepth = 100_000 };

    private readonly KubernetesRestClient _client;
    private readonly ResourceType _type;

    public KubernetesListWatchSource(KubernetesRestClient client, ResourceType type)
    {
        _client = client;
        _type = type;
    }

    public async Task<ResourcePage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new StringBuilder();
        AppendQuery(query, "labelSelector", request.LabelSelector);
        AppendQuery(query, "limit", request.Limit > 0 ? request.Limit.ToString(CultureInfo.InvariantCulture) : null);
        AppendQuery(query, "continue", request.Continue);
        var path = _type.CollectionPath(request.Namespace) + query;

        using var response = await _client.SendAsync(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ListEnvelope? list;
        List<UndecodableObject> undecodable = [];
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            list = KubernetesJson.Deserialize<ListEnvelope>(stream);
        }
        catch (Exception e) when (ObjectDecoder.IsDecodeFailure(e))
        {
            // One object the model cannot hold must not cost the others: read the page again item by item.
            list = DecodeItemByItem(body, undecodable);
        }

        if (list is null)
        {
            throw new KubernetesApiException($"GET {path}: empty body");
        }

        var items = list.Items ?? [];
        foreach (var item in items)
        {
            // Items of a list carry no apiVersion/kind; the cache keeps them whole.
            item.ApiVersion ??= _type.ApiVersion;
            item.Kind ??= _type.Kind;
            if (item.ApiVersion.Length == 0)
            {
                item.ApiVersion = _type.ApiVersion;
            }

            if (item.Kind.Length == 0)
            {
                item.Kind = _type.Kind;
            }
        }

        var @continue = list.Metadata?.ContinueProperty;
        return new ResourcePage<T>(items, list.Metadata?.ResourceVersion ?? string.Empty, string.IsNullOrEmpty(@continue) ? null : @continue)
        {
            Undecodable = undecodable,
        };
    }

    private ListEnvelope DecodeItemByItem(byte[] body, List<UndecodableObject> undecodable)
    {
        using var document = JsonDocument.Parse(body, EnvelopeOptions);
        var root = document.RootElement;
        var list = new ListEnvelope
        {
            Metadata = root.TryGetProperty("metadata", out var metadata) ? KubernetesJson.Deserialize<V1ListMeta>(metadata) : null,
            Items = [],
        };
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in items.EnumerateArray())
            {
                if (ObjectDecoder.Decode<T>(element, _type, out var bad) is { } item)
                {
                    list.Items.Add(item);
                }
                else if (bad is not null)
                {
                    undecodable.Add(bad);
                }
            }
        }

        return list;
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new StringBuilder();
        AppendQuery(query, "watch", "true");
        AppendQuery(query, "allowWatchBookmarks", "true");
        AppendQuery(query, "resourceVersion", request.ResourceVersion);
        AppendQuery(query, "timeoutSeconds", ((int)Math.Max(1, request.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        AppendQuery(query, "labelSelector", request.LabelSelector);
        var path = _type.CollectionPath(request.Namespace) + query;

        using var response = await _client.SendAsync(HttpMethod.Get, path, null, true, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await ReadLineAsync(reader, cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return Decode(line, _type);
        }
    }

    /// <summary>A line of an answered watch; a broken connection is a <see cref="WatchCutException"/>.</summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new WatchCutException(e);
        }
    }

    private static WatchEvent<T> Decode(string line, ResourceType resourceType)
    {
        using var document = JsonDocument.Parse(line, EnvelopeOptions);
        var root = document.RootElement;
        var typeText = root.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        var hasObject = root.TryGetProperty("object", out var objectElement);
        switch (typeText)
        {
            case "ADDED":
            case "MODIFIED":
            case "DELETED":
            case "BOOKMARK":
                if (!hasObject)
                {
                    throw new KubernetesApiException($"watch event {typeText} without an object");
                }

                var type = typeText switch
                {
                    "ADDED" => WatchEventType.Added,
                    "MODIFIED" => WatchEventType.Modified,
                    "DELETED" => WatchEventType.Deleted,
                    _ => WatchEventType.Bookmark,
                };
                var item = ObjectDecoder.Decode<T>(objectElement, resourceType, out var undecodable);
                return new WatchEvent<T>(type, item, null, undecodable);
            case "ERROR":
                return new WatchEvent<T>(WatchEventType.Error, null, hasObject ? KubernetesJson.Deserialize<V1Status>(objectElement) : null);
            default:
                throw new KubernetesApiException($"unknown watch event type '{typeText}'");
        }
    }

    private static void AppendQuery(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private sealed class ListEnvelope
    {
        [JsonPropertyName("metadata")]
        public V1ListMeta? Metadata { get; set; }

        [JsonPropertyName("items")]
        public List<T>? Items { get; set; }
    }
}
