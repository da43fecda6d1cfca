using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using EcsOnK8s.Runtime.Kube;
using k8s.Models;

namespace EcsOnK8s.Runtime.Discovery;

/// <summary>
/// Maps apiVersion + kind to a <see cref="ResourceType"/>: the <see cref="ResourceTypes"/> table first, then the
/// model's <c>[KubernetesEntity]</c> attribute, then discovery (<c>GET /apis/{group}/{version}</c>), cached.
/// </summary>
public sealed class ResourceTypeResolver
{
    private readonly KubernetesRestClient? _client;
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), ResourceType> _cache = new();

    /// <param name="client">For discovery of kinds outside the table; table only when null.</param>
    public ResourceTypeResolver(KubernetesRestClient? client)
    {
        _client = client;
    }

    /// <summary>Registers a resource (e.g. a CRD the table does not know) so no discovery is needed.</summary>
    public void Register(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        _cache[(type.ApiVersion, type.Kind)] = type;
    }

    /// <summary>The resource of <paramref name="apiVersion"/> and <paramref name="kind"/>; throws when the server does not serve it.</summary>
    public async Task<ResourceType> ResolveAsync(string apiVersion, string kind, Type? modelType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (ResourceTypes.TryFind(apiVersion, kind, out var known) || _cache.TryGetValue((apiVersion, kind), out known))
        {
            return known;
        }

        if (modelType?.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity && entity.Kind == kind)
        {
            var fromAttribute = ResourceType.For(modelType);
            if (fromAttribute.ApiVersion == apiVersion)
            {
                return fromAttribute;
            }
        }

        if (_client is null)
        {
            throw new InvalidOperationException($"unknown resource {apiVersion} {kind} and no client for discovery");
        }

        var group = KubernetesObjectExtensions.GroupOf(apiVersion);
        var path = group.Length == 0 ? $"api/{apiVersion}" : $"apis/{apiVersion}";
        var list = await _client.GetAsync<ApiResourceList>(path, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the server does not serve {apiVersion}");
        var version = group.Length == 0 ? apiVersion : apiVersion[(group.Length + 1)..];
        foreach (var resource in list.Resources ?? [])
        {
            if (resource.Kind == kind && resource.Name is { } name && !name.Contains('/', StringComparison.Ordinal))
            {
                var type = new ResourceType(group, version, name, kind, resource.Namespaced);
                _cache[(apiVersion, kind)] = type;
                return type;
            }
        }

        throw new InvalidOperationException($"the server serves {apiVersion} but no kind {kind} in it");
    }

    internal sealed class ApiResourceList
    {
        [JsonPropertyName("resources")]
        public List<ApiResource>? Resources { get; set; }
    }

    internal sealed class ApiResource
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("kind")]
        public string? Kind { get; set; }

        [JsonPropertyName("namespaced")]
        public bool Namespaced { get; set; }
    }
}
