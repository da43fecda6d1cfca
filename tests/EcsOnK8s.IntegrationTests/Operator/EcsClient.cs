using System.Text.Json;
using EcsOnK8s.Api;
using k8s;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>Typed access to the EcsOnK8s custom resources through the generic custom-objects API.</summary>
internal sealed class EcsClient(IKubernetes client)
{
    public async Task<T> CreateAsync<T>(T resource)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var entity = Entity<T>();
        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
            JsonDocument.Parse(KubernetesJson.Serialize(resource)).RootElement, EcsApi.Group, EcsApi.Version,
            resource.Metadata.NamespaceProperty, entity.PluralName);
        return KubernetesJson.Deserialize<T>(created);
    }

    public async Task<T?> GetAsync<T>(string ns, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            var found = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, ns, Entity<T>().PluralName, name);
            return KubernetesJson.Deserialize<T>(found);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return default;
        }
    }

    /// <summary>A JSON merge patch of the resource (not its status).</summary>
    public Task PatchAsync<T>(string ns, string name, object patch)
        where T : IKubernetesObject<V1ObjectMeta> =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), EcsApi.Group, EcsApi.Version, ns, Entity<T>().PluralName, name);

    public Task DeleteAsync<T>(string ns, string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(EcsApi.Group, EcsApi.Version, ns, Entity<T>().PluralName, name);

    private static KubernetesEntityAttribute Entity<T>() =>
        (KubernetesEntityAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(KubernetesEntityAttribute))!;
}
