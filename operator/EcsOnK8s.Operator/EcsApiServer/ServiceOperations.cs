using System.Globalization;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Protocol;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// Services: one EcsService each, named as the service. Counts, deployments and events are the operator's status,
/// so the answers are the same whether the service was written through this API, kubectl or Git.
/// </summary>
internal static class ServiceOperations
{
    // UpdateService members that are spec fields of the same name and shape.
    private static readonly string[] UpdatableMembers =
    [
        "desiredCount", "capacityProviderStrategy", "deploymentConfiguration", "availabilityZoneRebalancing", "networkConfiguration",
        "placementConstraints", "placementStrategy", "platformVersion", "healthCheckGracePeriodSeconds", "deploymentController",
        "enableExecuteCommand", "enableECSManagedTags", "loadBalancers", "propagateTags", "serviceRegistries",
        "serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations",
    ];

    public static async Task<JsonObject> CreateAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = await ClusterOperations.GetAsync(c, request.String("cluster")).ConfigureAwait(false);
        var name = EcsNames.Name(request.Required("serviceName"), "serviceName");
        var body = (JsonObject)request.DeepClone();
        body["cluster"] = cluster.Metadata.Name;
        if (request.String("taskDefinition") is { } reference)
        {
            body["taskDefinition"] = await TaskDefinitionReferenceAsync(c, reference).ConfigureAwait(false);
        }

        var spec = body.As<EcsServiceSpec>("service");
        var created = await c.Objects.CreateAsync(EcsService.Plural, new EcsService
        {
            Metadata = new() { Name = name, NamespaceProperty = c.Namespace },
            Spec = spec,
        }).ConfigureAwait(false) ?? throw new EcsApiException(EcsErrorType.InvalidParameterException, "Creation of service was not idempotent.");
        return new JsonObject { ["service"] = c.Shapes.Service(created, includeTags: true) };
    }

    public static async Task<JsonObject> UpdateAsync(EcsApiContext c, JsonObject request)
    {
        var service = await GetAsync(c, request.String("cluster"), request.Required("service")).ConfigureAwait(false);
        if (service.Metadata.DeletionTimestamp is not null)
        {
            throw new EcsApiException(EcsErrorType.ServiceNotActiveException, "Service was not ACTIVE.");
        }

        var spec = new JsonObject();
        foreach (var member in UpdatableMembers)
        {
            if (request[member] is { } value)
            {
                spec[member] = value.DeepClone();
            }
        }

        if (request.String("taskDefinition") is { } reference)
        {
            spec["taskDefinition"] = await TaskDefinitionReferenceAsync(c, reference).ConfigureAwait(false);
        }

        // Read back through our own type: a member our spec cannot hold is refused here, not by the API server.
        spec.As<EcsServiceSpec>("service");
        var patch = new JsonObject { ["spec"] = spec };
        if (request.Bool("forceNewDeployment"))
        {
            patch["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [WellKnownAnnotations.ForceNewDeployment] = c.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                },
            };
        }

        var patched = await c.Objects.MergePatchAsync<EcsService>(EcsService.Plural, service.Metadata.Name, patch).ConfigureAwait(false)
            ?? throw new EcsApiException(EcsErrorType.ServiceNotFoundException, "Service not found.");
        return new JsonObject { ["service"] = c.Shapes.Service(patched, includeTags: false) };
    }

    public static async Task<JsonObject> DeleteAsync(EcsApiContext c, JsonObject request)
    {
        var service = await GetAsync(c, request.String("cluster"), request.Required("service")).ConfigureAwait(false);
        if ((service.Spec.DesiredCount ?? 0) > 0 && !request.Bool("force") && service.Spec.SchedulingStrategy != "DAEMON")
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, "The service cannot be stopped while it is scaled above 0.");
        }

        await c.Objects.DeleteAsync(EcsService.Plural, service.Metadata.Name).ConfigureAwait(false);
        var shape = c.Shapes.Service(service, includeTags: false);
        shape["status"] = "DRAINING";
        return new JsonObject { ["service"] = shape };
    }

    public static async Task<JsonObject> DescribeAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = c.Names.Cluster(request.String("cluster"));
        var references = request.Strings("services") ?? [];
        if (references.Count is 0 or > 10)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, "services: give 1 to 10 services.");
        }

        if (await c.Objects.GetAsync<EcsCluster>(EcsCluster.Plural, cluster).ConfigureAwait(false) is null)
        {
            throw new EcsApiException(EcsErrorType.ClusterNotFoundException, "Cluster not found.");
        }

        var services = new JsonArray();
        var failures = new JsonArray();
        List<EcsService>? all = null;
        foreach (var reference in references)
        {
            var name = c.Names.Service(reference, cluster, "services");
            var found = await c.Objects.GetAsync<EcsService>(EcsService.Plural, name).ConfigureAwait(false);
            if (found is null || !Matches(found, cluster, name))
            {
                all ??= await c.Objects.ListAsync<EcsService>(EcsService.Plural).ConfigureAwait(false);
                found = all.FirstOrDefault(s => Matches(s, cluster, name));
            }

            if (found is null)
            {
                failures.Add(new JsonObject { ["arn"] = c.Names.Arns.Service(cluster, name), ["reason"] = "MISSING" });
            }
            else
            {
                services.Add(c.Shapes.Service(found, request.Includes("TAGS")));
            }
        }

        return new JsonObject { ["services"] = services, ["failures"] = failures };
    }

    public static async Task<JsonObject> ListAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = c.Names.Cluster(request.String("cluster"));
        if (await c.Objects.GetAsync<EcsCluster>(EcsCluster.Plural, cluster).ConfigureAwait(false) is null)
        {
            throw new EcsApiException(EcsErrorType.ClusterNotFoundException, "Cluster not found.");
        }

        var launchType = request.String("launchType");
        var strategy = request.String("schedulingStrategy");
        var names = (await c.Objects.ListAsync<EcsService>(EcsService.Plural).ConfigureAwait(false))
            .Where(s => EcsInformers.ClusterName(s.Spec.Cluster) == cluster)
            .Where(s => launchType is null || (s.Spec.LaunchType ?? "EC2") == launchType)
            .Where(s => strategy is null || (s.Spec.SchedulingStrategy ?? "REPLICA") == strategy)
            .Select(s => s.Spec.ServiceName ?? s.Metadata.Name);
        var (page, next) = Pagination.Page(names, n => n, request.Int("maxResults"), request.String("nextToken"), 10);
        return TaskDefinitionOperations.WithToken(new JsonObject { ["serviceArns"] = new JsonArray([.. page.Select(n => (JsonNode)c.Names.Arns.Service(cluster, n))]) }, next);
    }

    /// <summary>The service a member names in a cluster, or ECS's ClusterNotFoundException / ServiceNotFoundException.</summary>
    public static async Task<EcsService> GetAsync(EcsApiContext c, string? clusterReference, string reference)
    {
        var cluster = c.Names.Cluster(clusterReference);
        var name = c.Names.Service(reference, cluster);
        var found = await c.Objects.GetAsync<EcsService>(EcsService.Plural, name).ConfigureAwait(false);
        if (found is not null && Matches(found, cluster, name))
        {
            return found;
        }

        found = (await c.Objects.ListAsync<EcsService>(EcsService.Plural).ConfigureAwait(false)).FirstOrDefault(s => Matches(s, cluster, name));
        if (found is not null)
        {
            return found;
        }

        throw await c.Objects.GetAsync<EcsCluster>(EcsCluster.Plural, cluster).ConfigureAwait(false) is null
            ? new EcsApiException(EcsErrorType.ClusterNotFoundException, "Cluster not found.")
            : new EcsApiException(EcsErrorType.ServiceNotFoundException, "Service not found.");
    }

    /// <summary>A task definition member as the spec takes it (family or family:revision), after checking that it exists.</summary>
    public static async Task<string> TaskDefinitionReferenceAsync(EcsApiContext c, string reference)
    {
        var (family, revision) = c.Names.TaskDefinition(reference);
        var td = await TaskDefinitionOperations.FindFamilyAsync(c, family).ConfigureAwait(false);
        var known = td?.Status?.Revisions ?? [];
        if (td is null || (revision is null ? !known.Any(r => r.Status != "INACTIVE") : !known.Any(r => r.Revision == revision)))
        {
            throw new EcsApiException(EcsErrorType.ClientException, "TaskDefinition not found.");
        }

        return revision is null ? family : $"{family}:{revision.Value.ToString(CultureInfo.InvariantCulture)}";
    }

    private static bool Matches(EcsService service, string cluster, string name) =>
        EcsInformers.ClusterName(service.Spec.Cluster) == cluster && (service.Spec.ServiceName ?? service.Metadata.Name) == name;
}
