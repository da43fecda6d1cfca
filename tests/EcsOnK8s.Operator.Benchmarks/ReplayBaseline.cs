using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The same-writes baseline: a plain client that already knows the answer makes, in a fresh namespace, the writes the
/// operator's work left behind, each object once: server-side apply of every child the operator made (Deployments,
/// HPAs, ControllerRevisions), a status PUT of every EcsCluster, EcsTaskDefinition and EcsService, and a POST of
/// every Event it recorded. No reads, no rendering, no decisions: what those writes cost the API server and etcd on
/// this machine. The resources whose status is written are created first, untimed (they are the inputs).
/// </summary>
internal static class ReplayBaseline
{
    private const string FieldManager = "ecsonk8s-benchmark";

    /// <summary>The component the operator's Events name as their source.</summary>
    private const string OperatorComponent = "ecsonk8s-operator";

    private static readonly (string Group, string Version, string Plural, string Kind)[] s_children =
    [
        ("apps", "v1", "deployments", "Deployment"),
        ("autoscaling", "v2beta2", "horizontalpodautoscalers", "HorizontalPodAutoscaler"),
        ("apps", "v1", "controllerrevisions", "ControllerRevision"),
    ];

    private static readonly string[] s_resources = [EcsCluster.Plural, EcsTaskDefinition.Plural, EcsService.Plural];

    private static readonly string[] s_serverFields = ["resourceVersion", "uid", "creationTimestamp", "managedFields", "generation", "selfLink"];

    /// <summary>Reads what to write from <paramref name="source"/> and creates the inputs in <paramref name="ns"/>; untimed.</summary>
    public static async Task<IReadOnlyList<Func<CancellationToken, Task>>> PrepareAsync(
        IKubernetes client, string source, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await BenchWorkload.CreateNamespaceAsync(client, ns, cancellationToken).ConfigureAwait(false);

        // Inputs, untimed: copies of the resources (spec only), so that their status can be written.
        var uids = new Dictionary<string, string>(StringComparer.Ordinal);
        var writes = new List<Func<CancellationToken, Task>>();
        foreach (var plural in s_resources)
        {
            foreach (var item in await ListAsync(client, EcsApi.Group, EcsApi.Version, source, plural, cancellationToken).ConfigureAwait(false))
            {
                var name = item["metadata"]!["name"]!.GetValue<string>();
                var copy = new JsonObject
                {
                    ["apiVersion"] = EcsApi.ApiVersion,
                    ["kind"] = KindOf(plural),
                    ["metadata"] = new JsonObject { ["name"] = name },
                    ["spec"] = item["spec"]?.DeepClone(),
                };
                var created = JsonNode.Parse(((JsonElement)await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                    copy, EcsApi.Group, EcsApi.Version, ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false)).GetRawText())!.AsObject();
                uids[item["metadata"]!["uid"]!.GetValue<string>()] = created["metadata"]!["uid"]!.GetValue<string>();
                if (item["status"] is { } status)
                {
                    created["status"] = status.DeepClone();
                    writes.Add(token => client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
                        created, EcsApi.Group, EcsApi.Version, ns, plural, name, cancellationToken: token));
                }
            }
        }

        foreach (var (group, version, plural, kind) in s_children)
        {
            foreach (var item in await ListAsync(client, group, version, source, plural, cancellationToken).ConfigureAwait(false))
            {
                var metadata = item["metadata"]!.AsObject();
                if (metadata["labels"]?[WellKnownLabels.ManagedBy]?.GetValue<string>() != WellKnownLabels.ManagedByValue)
                {
                    continue;
                }

                // Items of a list carry no apiVersion and kind of their own.
                item["apiVersion"] = $"{group}/{version}";
                item["kind"] = kind;
                item.Remove("status");
                foreach (var field in s_serverFields)
                {
                    metadata.Remove(field);
                }

                metadata["namespace"] = ns;
                foreach (var owner in metadata["ownerReferences"]?.AsArray() ?? [])
                {
                    owner!["uid"] = uids.GetValueOrDefault(owner["uid"]!.GetValue<string>(), "unknown");
                }

                var name = metadata["name"]!.GetValue<string>();
                var patch = new V1Patch(item.ToJsonString(), V1Patch.PatchType.ApplyPatch);
                writes.Add(token => client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    patch, group, version, ns, plural, name, fieldManager: FieldManager, force: true, cancellationToken: token));
            }
        }

        var events = await client.CoreV1.ListNamespacedEventAsync(source, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var e in events.Items.Where(e => e.ReportingComponent == OperatorComponent || e.Source?.Component == OperatorComponent))
        {
            var copy = new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = e.Metadata.Name, NamespaceProperty = ns },
                InvolvedObject = e.InvolvedObject,
                Reason = e.Reason,
                Message = e.Message,
                Type = e.Type,
                Count = e.Count,
                FirstTimestamp = e.FirstTimestamp,
                LastTimestamp = e.LastTimestamp,
                Source = e.Source,
                ReportingComponent = e.ReportingComponent,
                ReportingInstance = e.ReportingInstance,
            };
            copy.InvolvedObject.NamespaceProperty = ns;
            copy.InvolvedObject.Uid = uids.GetValueOrDefault(e.InvolvedObject.Uid ?? string.Empty, "unknown");
            copy.InvolvedObject.ResourceVersion = null;
            writes.Add(token => client.CoreV1.CreateNamespacedEventAsync(copy, ns, cancellationToken: token));
        }

        return writes;
    }

    /// <summary>Makes the prepared writes, <paramref name="concurrency"/> at a time; the time they took.</summary>
    public static async Task<TimeSpan> RunAsync(IReadOnlyList<Func<CancellationToken, Task>> writes, int concurrency, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (write, token) => await write(token).ConfigureAwait(false)).ConfigureAwait(false);
        return watch.Elapsed;
    }

    private static string KindOf(string plural) => plural switch
    {
        EcsCluster.Plural => EcsCluster.KindName,
        EcsTaskDefinition.Plural => EcsTaskDefinition.KindName,
        _ => EcsService.KindName,
    };

    private static async Task<List<JsonObject>> ListAsync(
        IKubernetes client, string group, string version, string ns, string plural, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
            group, version, ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list.GetProperty("items").EnumerateArray().Select(i => JsonNode.Parse(i.GetRawText())!.AsObject())];
    }
}
