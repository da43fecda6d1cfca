using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// Tasks: RunTask makes an EcsTask and answers once the operator has started its Jobs; every ECS task is read from
/// Kubernetes (an EcsTask's or a schedule's Job and its pod, a service's pod), its id the Job's or pod's UID, as in
/// the ECS events. StopTask ends a Job's task (its active deadline) or deletes a service's pod (the service starts
/// another, as ECS's scheduler does).
/// </summary>
internal static class TaskOperations
{
    private const string StoppedStatus = "STOPPED";

    public static async Task<JsonObject> RunAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = await ClusterOperations.GetAsync(c, request.String("cluster")).ConfigureAwait(false);
        var reference = await ServiceOperations.TaskDefinitionReferenceAsync(c, request.Required("taskDefinition")).ConfigureAwait(false);
        var count = request.Int("count") ?? 1;
        if (count is < 1 or > 10)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, "count: must be between 1 and 10.");
        }

        var body = (JsonObject)request.DeepClone();
        body["cluster"] = cluster.Metadata.Name;
        body["taskDefinition"] = reference;
        var spec = body.As<EcsTaskSpec>("task");
        var family = c.Names.TaskDefinition(reference).Family;
        var created = await c.Objects.CreateAsync(EcsTask.Plural, new EcsTask
        {
            Metadata = new() { GenerateName = KubeNames.Sanitize(family.ToLowerInvariant().Replace('_', '-'), 40, "task") + "-", NamespaceProperty = c.Namespace },
            Spec = spec,
        }).ConfigureAwait(false) ?? throw new EcsApiException(EcsErrorType.ServerException, "The task could not be created; send the request again.");

        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var entries = (await EntriesAsync(c, ownerUid: created.Metadata.Uid).ConfigureAwait(false)).ToList();
            if (entries.Count >= count)
            {
                return new JsonObject
                {
                    ["tasks"] = new JsonArray([.. entries.Select(e => (JsonNode)Shape(c, e, includeTags: true))]),
                    ["failures"] = new JsonArray(),
                };
            }

            var task = await c.Objects.GetAsync<EcsTask>(EcsTask.Plural, created.Metadata.Name!).ConfigureAwait(false);
            var ready = task?.Status?.Conditions?.FirstOrDefault(x => x.Type == ConditionTypes.Ready);
            if (ready is { Status: "False" } && entries.Count == 0)
            {
                // ECS reports tasks it could not place as failures, and the call succeeds.
                return new JsonObject
                {
                    ["tasks"] = new JsonArray(),
                    ["failures"] = new JsonArray(new JsonObject { ["arn"] = c.Names.Arns.Cluster(cluster.Metadata.Name), ["reason"] = ready.Reason, ["detail"] = ready.Message }),
                };
            }

            await Task.Delay(delay, c.Time, c.CancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public static async Task<JsonObject> DescribeAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = c.Names.Cluster(request.String("cluster"));
        var references = request.Strings("tasks") ?? [];
        if (references.Count is 0 or > 100)
        {
            throw new EcsApiException(EcsErrorType.InvalidParameterException, "tasks: give 1 to 100 tasks.");
        }

        await ClusterOperations.GetAsync(c, cluster).ConfigureAwait(false);
        var byId = (await EntriesAsync(c).ConfigureAwait(false)).Where(e => e.Cluster == cluster).ToDictionary(e => EcsArns.TaskId(e.Uid), StringComparer.Ordinal);
        var tasks = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in references)
        {
            var id = c.Names.TaskId(reference, "tasks");
            if (byId.TryGetValue(id, out var entry))
            {
                tasks.Add(Shape(c, entry, request.Includes("TAGS")));
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = $"{c.Names.Arns.Cluster(cluster).Replace(":cluster/", ":task/", StringComparison.Ordinal)}/{id}", ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["tasks"] = tasks, ["failures"] = failures };
    }

    public static async Task<JsonObject> ListAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = c.Names.Cluster(request.String("cluster"));
        await ClusterOperations.GetAsync(c, cluster).ConfigureAwait(false);
        var family = request.String("family");
        var serviceName = request.String("serviceName");
        var startedBy = request.String("startedBy");
        var desired = request.String("desiredStatus") ?? "RUNNING";
        var entries = (await EntriesAsync(c).ConfigureAwait(false))
            .Where(e => e.Cluster == cluster)
            .Where(e => family is null || e.Family == family)
            .Where(e => serviceName is null || e.ServiceName == serviceName)
            .Where(e => startedBy is null || e.StartedBy == startedBy)
            .Where(e => (e.Status.DesiredStatus ?? "RUNNING") == desired);
        var (page, next) = Pagination.Page(entries, e => EcsArns.TaskId(e.Uid), request.Int("maxResults"), request.String("nextToken"), 100);
        return TaskDefinitionOperations.WithToken(new JsonObject { ["taskArns"] = new JsonArray([.. page.Select(e => (JsonNode)c.Names.Arns.Task(cluster, e.Uid))]) }, next);
    }

    public static async Task<JsonObject> StopAsync(EcsApiContext c, JsonObject request)
    {
        var cluster = c.Names.Cluster(request.String("cluster"));
        await ClusterOperations.GetAsync(c, cluster).ConfigureAwait(false);
        var id = c.Names.TaskId(request.Required("task"));
        var entry = (await EntriesAsync(c).ConfigureAwait(false)).FirstOrDefault(e => e.Cluster == cluster && EcsArns.TaskId(e.Uid) == id)
            ?? throw new EcsApiException(EcsErrorType.InvalidParameterException, "The referenced task was not found.");
        if (entry.Job is { } job)
        {
            await c.Objects.CallAsync("patch", "jobs", (k, ct) => k.BatchV1.PatchNamespacedJobAsync(
                new V1Patch("""{"spec":{"activeDeadlineSeconds":1}}""", V1Patch.PatchType.MergePatch), job.Metadata.Name, c.Namespace,
                fieldManager: EcsObjects.FieldManager, cancellationToken: ct)).ConfigureAwait(false);
        }
        else if (entry.Pod is { } pod)
        {
            await c.Objects.CallAsync("delete", "pods", (k, ct) => k.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, c.Namespace, cancellationToken: ct)).ConfigureAwait(false);
        }

        var shape = Shape(c, entry, includeTags: false);
        shape["desiredStatus"] = StoppedStatus;
        shape["stoppedReason"] = request.String("reason") ?? "Task stopped by user";
        return new JsonObject { ["task"] = shape };
    }

    /// <summary>Every task of the namespace (or of one EcsTask), read from Jobs and pods.</summary>
    private static async Task<IEnumerable<EcsTaskEntry>> EntriesAsync(EcsApiContext c, string? ownerUid = null)
    {
        var selector = $"{WellKnownLabels.ManagedBy}={WellKnownLabels.ManagedByValue}";
        var jobs = await c.Objects.CallAsync("list", "jobs", (k, ct) => k.BatchV1.ListNamespacedJobAsync(c.Namespace, labelSelector: selector, cancellationToken: ct)).ConfigureAwait(false);
        var pods = await c.Objects.CallAsync("list", "pods", (k, ct) => k.CoreV1.ListNamespacedPodAsync(c.Namespace, labelSelector: selector, cancellationToken: ct)).ConfigureAwait(false);
        var ecsTasks = ownerUid is null
            ? (await c.Objects.ListAsync<EcsTask>(EcsTask.Plural).ConfigureAwait(false)).ToDictionary(t => t.Metadata.Uid, StringComparer.Ordinal)
            : [];
        var entries = new List<EcsTaskEntry>();
        foreach (var job in jobs.Items)
        {
            var owner = job.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
            if (ownerUid is not null && owner?.Uid != ownerUid)
            {
                continue;
            }

            var pod = pods.Items.Where(p => (p.Metadata.Labels is { } l && l.TryGetValue(WellKnownLabels.JobName, out var j) ? j : null) == job.Metadata.Name)
                .OrderByDescending(p => p.Metadata.CreationTimestamp).FirstOrDefault();
            var essential = new HashSet<string>(
                (Annotation(pod?.Metadata, PodAnnotations.EssentialContainers) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
                StringComparer.Ordinal);
            var status = TaskStatusCalculator.Task(string.Empty, job, pod, essential);
            var taskDefinition = Annotation(job.Metadata, WellKnownAnnotations.TaskDefinition);
            var ecsTask = owner is null ? null : ecsTasks.GetValueOrDefault(owner.Uid);
            entries.Add(new EcsTaskEntry(
                job.Metadata.Uid, ClusterOf(job.Metadata), status, taskDefinition,
                ecsTask?.Spec.Group ?? "family:" + (taskDefinition?.Split(':')[0] ?? string.Empty),
                ecsTask?.Spec.StartedBy, null, ecsTask?.Spec.Tags, job, pod));
        }

        if (ownerUid is null)
        {
            foreach (var pod in pods.Items.Where(p => p.Metadata.Labels?.ContainsKey(WellKnownLabels.Service) == true))
            {
                var service = pod.Metadata.Labels[WellKnownLabels.Service];
                entries.Add(new EcsTaskEntry(
                    pod.Metadata.Uid, ClusterOf(pod.Metadata), PodStatus(pod), Annotation(pod.Metadata, WellKnownAnnotations.TaskDefinition),
                    "service:" + service, null, service, null, null, pod));
            }
        }

        return entries;
    }

    private static JsonObject Shape(EcsApiContext c, EcsTaskEntry entry, bool includeTags) =>
        c.Shapes.Task(entry.Status, entry.Cluster, entry.Uid, entry.TaskDefinition, entry.Group, entry.StartedBy, includeTags ? entry.Tags : null);

    private static string ClusterOf(V1ObjectMeta metadata) => EcsInformers.ClusterName(metadata.Labels is { } l && l.TryGetValue(WellKnownLabels.Cluster, out var c) ? c : null);

    private static string? Annotation(V1ObjectMeta? metadata, string key) =>
        metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>A service task's state from its pod, as ECS's lastStatus and desiredStatus.</summary>
    private static TaskInstanceStatus PodStatus(V1Pod pod)
    {
        var phase = pod.Status?.Phase;
        var stopped = phase is "Succeeded" or "Failed";
        return new TaskInstanceStatus
        {
            LastStatus = stopped ? StoppedStatus
                : pod.Metadata.DeletionTimestamp is not null ? "DEPROVISIONING"
                : phase == "Running" ? "RUNNING"
                : string.IsNullOrEmpty(pod.Spec?.NodeName) ? "PROVISIONING" : "PENDING",
            DesiredStatus = stopped || pod.Metadata.DeletionTimestamp is not null ? StoppedStatus : "RUNNING",
            CreatedAt = pod.Metadata.CreationTimestamp,
            StartedAt = pod.Status?.StartTime,
            Containers = pod.Status?.ContainerStatuses?.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new ContainerInstanceStatus
            {
                Name = s.Name,
                LastStatus = s.State?.Terminated is not null ? StoppedStatus : s.State?.Running is not null ? "RUNNING" : "PENDING",
                ExitCode = s.State?.Terminated?.ExitCode,
                Reason = s.State?.Terminated?.Reason ?? s.State?.Waiting?.Reason,
            }).ToList(),
        };
    }
}
