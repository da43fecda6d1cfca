using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.EcsProtocol.Shapes;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// Tags are the resources' spec.tags. Clusters and services can be tagged and untagged; task definitions and tasks
/// are listed only (a task definition's tags are part of its family's spec here, and an ECS task's tags are fixed at RunTask).
/// </summary>
internal static class TagOperations
{
    public static async Task<JsonObject> TagAsync(EcsApiContext c, JsonObject request)
    {
        var tags = request["tags"]!.As<List<Tag>>("tags");
        await ChangeAsync(c, request.Required("resourceArn"), current =>
        {
            var keys = tags.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
            return [.. current.Where(t => !keys.Contains(t.Key)), .. tags];
        }).ConfigureAwait(false);
        return [];
    }

    public static async Task<JsonObject> UntagAsync(EcsApiContext c, JsonObject request)
    {
        var keys = (request.Strings("tagKeys") ?? []).ToHashSet(StringComparer.Ordinal);
        await ChangeAsync(c, request.Required("resourceArn"), current => [.. current.Where(t => !keys.Contains(t.Key!))]).ConfigureAwait(false);
        return [];
    }

    public static async Task<JsonObject> ListAsync(EcsApiContext c, JsonObject request)
    {
        var arn = request.Required("resourceArn");
        var tags = c.Names.TypeOf(arn, "resourceArn") switch
        {
            "cluster" => (await ClusterOperations.GetAsync(c, arn).ConfigureAwait(false)).Spec.Tags,
            "service" => (await ServiceOperations.GetAsync(c, ServiceCluster(arn), arn).ConfigureAwait(false)).Spec.Tags,
            "task-definition" => (await TaskDefinitionOperations.DescribeAsync(c, new JsonObject { ["taskDefinition"] = arn, ["include"] = new JsonArray("TAGS") }).ConfigureAwait(false))["tags"]!.As<List<Tag>>("tags"),
            "task" => (List<Tag>?)(await TaskOperations.DescribeAsync(c, new JsonObject { ["cluster"] = arn.Split('/')[1], ["tasks"] = new JsonArray(arn), ["include"] = new JsonArray("TAGS") }).ConfigureAwait(false))["tasks"]!.AsArray()
                .FirstOrDefault()?["tags"]?.As<List<Tag>>("tags") ?? throw new EcsApiException(EcsErrorType.InvalidParameterException, "The specified task is not found."),
            var type => throw new EcsApiException(EcsErrorType.InvalidParameterException, $"resourceArn: {type} resources are not served."),
        };
        return new JsonObject { ["tags"] = EcsShapes.Tags(tags) };
    }

    private static async Task ChangeAsync(EcsApiContext c, string arn, Func<List<Tag>, List<Tag>> change)
    {
        switch (c.Names.TypeOf(arn, "resourceArn"))
        {
            case "cluster":
                var cluster = await ClusterOperations.GetAsync(c, arn).ConfigureAwait(false);
                await PatchAsync<EcsCluster>(c, EcsCluster.Plural, cluster.Metadata, change(cluster.Spec.Tags ?? [])).ConfigureAwait(false);
                break;
            case "service":
                var service = await ServiceOperations.GetAsync(c, ServiceCluster(arn), arn).ConfigureAwait(false);
                await PatchAsync<EcsService>(c, EcsService.Plural, service.Metadata, change(service.Spec.Tags ?? [])).ConfigureAwait(false);
                break;
            case var type:
                throw new EcsApiException(EcsErrorType.InvalidParameterException,
                    $"resourceArn: tags of {type} resources are not changed through this endpoint (a task definition's tags are in its family's EcsTaskDefinition; a task's are fixed at RunTask).");
        }
    }

    private static async Task PatchAsync<T>(EcsApiContext c, string plural, k8s.Models.V1ObjectMeta metadata, List<Tag> tags)
        where T : class
    {
        _ = await c.Objects.MergePatchAsync<T>(plural, metadata.Name, new
        {
            metadata = new { resourceVersion = metadata.ResourceVersion },
            spec = new { tags },
        }).ConfigureAwait(false) ?? throw new EcsApiException(EcsErrorType.ClientException, $"{metadata.Name}: changed concurrently; send the request again.");
    }

    // service/CLUSTER/NAME names its cluster; the old service/NAME form is of the default cluster.
    private static string? ServiceCluster(string arn)
    {
        var parts = arn.Split(':', 6)[5].Split('/');
        return parts.Length == 3 ? parts[1] : null;
    }
}
