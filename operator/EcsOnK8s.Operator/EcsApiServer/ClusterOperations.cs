using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Protocol;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>Clusters: one EcsCluster each, named as the cluster; capacity providers by name (their node selectors stay as written in Kubernetes).</summary>
internal static class ClusterOperations
{
    public static async Task<JsonObject> CreateAsync(EcsApiContext c, JsonObject request)
    {
        var name = c.Names.Cluster(request.String("clusterName"), "clusterName");
        var cluster = new EcsCluster
        {
            Metadata = new() { Name = name, NamespaceProperty = c.Namespace },
            Spec = new EcsClusterSpec
            {
                Tags = request["tags"]?.As<List<Tag>>("tags"),
                Settings = request["settings"]?.As<List<ClusterSetting>>("settings"),
                CapacityProviders = request.Strings("capacityProviders")?.Select(p => new CapacityProvider { Name = p }).ToList(),
                DefaultCapacityProviderStrategy = request["defaultCapacityProviderStrategy"]?.As<List<CapacityProviderStrategyItem>>("defaultCapacityProviderStrategy"),
            },
        };

        // ECS answers an existing cluster of that name rather than an error.
        var created = await c.Objects.CreateAsync(EcsCluster.Plural, cluster).ConfigureAwait(false)
            ?? await c.Objects.GetAsync<EcsCluster>(EcsCluster.Plural, name).ConfigureAwait(false)
            ?? throw new EcsApiException(EcsErrorType.ClientException, $"cluster {name}: changed concurrently; send the request again.");
        return new JsonObject { ["cluster"] = c.Shapes.Cluster(created, includeTags: true) };
    }

    public static async Task<JsonObject> DescribeAsync(EcsApiContext c, JsonObject request)
    {
        var clusters = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in request.Strings("clusters") is { Count: > 0 } given ? given : [EcsNames.DefaultCluster])
        {
            var name = c.Names.Cluster(reference, "clusters");
            if (await c.Objects.GetAsync<EcsCluster>(EcsCluster.Plural, name).ConfigureAwait(false) is { } cluster)
            {
                clusters.Add(c.Shapes.Cluster(cluster, request.Includes("TAGS")));
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = c.Names.Arns.Cluster(name), ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["clusters"] = clusters, ["failures"] = failures };
    }

    public static async Task<JsonObject> ListAsync(EcsApiContext c, JsonObject request)
    {
        var clusters = await c.Objects.ListAsync<EcsCluster>(EcsCluster.Plural).ConfigureAwait(false);
        var (page, next) = Pagination.Page(clusters.Select(x => x.Metadata.Name), n => n, request.Int("maxResults"), request.String("nextToken"), 100);
        return TaskDefinitionOperations.WithToken(new JsonObject { ["clusterArns"] = new JsonArray([.. page.Select(n => (JsonNode)c.Names.Arns.Cluster(n))]) }, next);
    }

    public static async Task<JsonObject> DeleteAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = await GetAsync(c, request.Required("cluster")).ConfigureAwait(false);
        var name = cluster.Metadata.Name;
        var services = await c.Objects.ListAsync<EcsService>(EcsService.Plural).ConfigureAwait(false);
        if (services.Any(s => EcsInformers.ClusterName(s.Spec.Cluster) == name && s.Metadata.DeletionTimestamp is null))
        {
            throw new EcsApiException(EcsErrorType.ClusterContainsServicesException, "The Cluster cannot be deleted while Services are active.");
        }

        await c.Objects.DeleteAsync(EcsCluster.Plural, name).ConfigureAwait(false);
        var shape = c.Shapes.Cluster(cluster, includeTags: true);
        shape["status"] = "INACTIVE";
        return new JsonObject { ["cluster"] = shape };
    }

    public static async Task<JsonObject> PutCapacityProvidersAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = await GetAsync(c, request.Required("cluster")).ConfigureAwait(false);
        var existing = (cluster.Spec.CapacityProviders ?? []).Where(p => p.Name is not null).ToDictionary(p => p.Name!, StringComparer.Ordinal);
        var providers = (request.Strings("capacityProviders") ?? []).Select(n => existing.GetValueOrDefault(n) ?? new CapacityProvider { Name = n }).ToList();
        var strategy = request["defaultCapacityProviderStrategy"]?.As<List<CapacityProviderStrategyItem>>("defaultCapacityProviderStrategy") ?? [];
        var unknown = strategy.Select(s => s.CapacityProvider).FirstOrDefault(p => providers.All(x => x.Name != p));
        if (unknown is not null)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, $"defaultCapacityProviderStrategy: capacity provider '{unknown}' is not in capacityProviders.");
        }

        var patched = await c.Objects.MergePatchAsync<EcsCluster>(EcsCluster.Plural, cluster.Metadata.Name, new
        {
            metadata = new { resourceVersion = cluster.Metadata.ResourceVersion },
            spec = new { capacityProviders = providers, defaultCapacityProviderStrategy = strategy },
        }).ConfigureAwait(false) ?? throw new EcsApiException(EcsErrorType.ClientException, $"cluster {cluster.Metadata.Name}: changed concurrently; send the request again.");
        return new JsonObject { ["cluster"] = c.Shapes.Cluster(patched, includeTags: true) };
    }

    /// <summary>The cluster a member names, or ECS's ClusterNotFoundException.</summary>
    public static async Task<EcsCluster> GetAsync(EcsApiContext c, string? reference)
    {
        var name = c.Names.Cluster(reference);
        return await c.Objects.GetAsync<EcsCluster>(EcsCluster.Plural, name).ConfigureAwait(false)
            ?? throw new EcsApiException(EcsErrorType.ClusterNotFoundException, "Cluster not found.");
    }
}
