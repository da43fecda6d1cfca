using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsOnK8s.Api;
using k8s;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// What a namespace holds, made comparable across namespaces and runs: every ECS resource (spec and status) and every
/// kind of child the operator writes (spec or data, labels, annotations, owner), each as a content hash of its
/// normalized JSON. Normalizing drops what the API server or the controller-manager makes up (UIDs, resource
/// versions, timestamps, cluster IPs, token secrets) and the namespace's name; what is left is what the operator
/// decided. An owner reference to an object that does not exist is listed as an orphan.
/// </summary>
internal sealed partial class NamespaceState
{
    private static readonly (string Group, string Version, string Plural, string Kind)[] Kinds =
    [
        (EcsApi.Group, EcsApi.Version, "ecsclusters", "EcsCluster"),
        (EcsApi.Group, EcsApi.Version, "ecstaskdefinitions", "EcsTaskDefinition"),
        (EcsApi.Group, EcsApi.Version, "ecsservices", "EcsService"),
        (EcsApi.Group, EcsApi.Version, "ecstasks", "EcsTask"),
        (EcsApi.Group, EcsApi.Version, "ecsscheduledtasks", "EcsScheduledTask"),
        (EcsApi.Group, EcsApi.Version, "ecseventrules", "EcsEventRule"),
        ("", "v1", "services", "Service"),
        ("", "v1", "serviceaccounts", "ServiceAccount"),
        ("", "v1", "configmaps", "ConfigMap"),
        ("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim"),
        ("apps", "v1", "deployments", "Deployment"),
        ("apps", "v1", "statefulsets", "StatefulSet"),
        ("apps", "v1", "controllerrevisions", "ControllerRevision"),
        ("batch", "v1", "jobs", "Job"),
        ("batch", "v1beta1", "cronjobs", "CronJob"),
        ("autoscaling", "v2beta2", "horizontalpodautoscalers", "HorizontalPodAutoscaler"),
        ("policy", "v1beta1", "poddisruptionbudgets", "PodDisruptionBudget"),
        ("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy"),
    ];

    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "uid", "resourceVersion", "creationTimestamp", "managedFields", "selfLink", "clusterIP", "clusterIPs", "nodePort",
        "secrets", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", WellKnownAnnotations.ScheduledTime,

        // Hashes over what holds the namespace or the owner's UID: the content they stand for is compared itself.
        WellKnownAnnotations.DesiredHash, "id",

        // A service's event log: what it says depends on when pods were counted (the controller-manager's pace), not
        // on the operator's decisions; a lost or doubled start still shows in the Jobs and the status it counts.
        "events",
    };

    private NamespaceState(SortedDictionary<string, string> objects) => Objects = objects;

    /// <summary>"Kind/name" to normalized JSON, plus "orphan/Kind/name" entries.</summary>
    public SortedDictionary<string, string> Objects { get; }

    /// <summary>"Kind/name hash" lines, one per object.</summary>
    public IEnumerable<string> Lines => Objects.Select(o => $"{o.Key} {Hash(o.Value)}");

    /// <summary>Reads <paramref name="ns"/>; <paramref name="replacements"/> turn run-specific strings (a fire time) into placeholders.</summary>
    public static async Task<NamespaceState> ReadAsync(IKubernetes client, string ns, IReadOnlyDictionary<string, string>? replacements = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var objects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var uids = new HashSet<string>(StringComparer.Ordinal);
        var owned = new List<(string Key, JsonArray Owners)>();
        foreach (var (group, version, plural, kind) in Kinds)
        {
            var path = group.Length == 0 ? $"api/{version}/namespaces/{ns}/{plural}" : $"apis/{group}/{version}/namespaces/{ns}/{plural}";
            var list = await GetAsync(client, path);
            foreach (var item in list?["items"]?.AsArray() ?? [])
            {
                var metadata = item!["metadata"]!;
                var name = metadata["name"]!.GetValue<string>();
                if (Ignored(kind, name, item))
                {
                    continue;
                }

                uids.Add(metadata["uid"]!.GetValue<string>());
                var key = $"{kind}/{name}";
                foreach (var (from, to) in replacements ?? new Dictionary<string, string>())
                {
                    key = key.Replace(from, to, StringComparison.Ordinal);
                }

                if (metadata["ownerReferences"] is JsonArray owners)
                {
                    owned.Add((key, owners));
                }

                if (kind == "EcsEventRule")
                {
                    // A rule's counts are not crash-consistent by design (docs/events.md): written at most once a
                    // second after the deliveries they count, so a crash in between loses that second's counts, and
                    // an event resent after a lost answer is matched twice. The tasks and Jobs are the oracle.
                    item["status"]?.AsObject().Remove("targets");
                }

                if (group != EcsApi.Group)
                {
                    // Children's status belongs to the controller-manager (rollouts, Job pods), not to the operator.
                    item.AsObject().Remove("status");
                }

                objects[key] = Normalize(item, ns, replacements);
            }
        }

        foreach (var (key, owners) in owned)
        {
            foreach (var owner in owners)
            {
                if (owner?["uid"]?.GetValue<string>() is { } uid && !uids.Contains(uid))
                {
                    objects[$"orphan/{key}"] = $"owned by {owner["kind"]}/{owner["name"]} {uid}, which does not exist";
                }
            }
        }

        return new NamespaceState(objects);
    }

    /// <summary>Equal content, object by object.</summary>
    public bool SameAs(NamespaceState other) => other is not null && Lines.SequenceEqual(other.Lines, StringComparer.Ordinal);

    /// <summary>The objects that differ, with both sides, for a failure message.</summary>
    public string Diff(NamespaceState expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var text = new StringBuilder();
        foreach (var key in Objects.Keys.Union(expected.Objects.Keys).Order(StringComparer.Ordinal))
        {
            var actual = Objects.GetValueOrDefault(key);
            var wanted = expected.Objects.GetValueOrDefault(key);
            if (actual != wanted)
            {
                text.Append("--- ").AppendLine(key)
                    .Append("  expected: ").AppendLine(wanted ?? "(absent)")
                    .Append("  actual:   ").AppendLine(actual ?? "(absent)");
            }
        }

        return text.ToString();
    }

    private static bool Ignored(string kind, string name, JsonNode item) =>
        (kind == "ConfigMap" && name == "kube-root-ca.crt")
        || (kind == "ServiceAccount" && name == "default")
        || item["metadata"]?["deletionTimestamp"] is not null;

    private static async Task<JsonNode?> GetAsync(IKubernetes client, string path)
    {
        try
        {
            // The generic custom-objects path works for any group; the core group's lists go through the raw client.
            var segments = path.Split('/');
            if (segments[0] == "api")
            {
                return segments[^1] switch
                {
                    "services" => JsonNode.Parse(KubernetesJson.Serialize(await client.CoreV1.ListNamespacedServiceAsync(segments[3]))),
                    "serviceaccounts" => JsonNode.Parse(KubernetesJson.Serialize(await client.CoreV1.ListNamespacedServiceAccountAsync(segments[3]))),
                    "configmaps" => JsonNode.Parse(KubernetesJson.Serialize(await client.CoreV1.ListNamespacedConfigMapAsync(segments[3]))),
                    "persistentvolumeclaims" => JsonNode.Parse(KubernetesJson.Serialize(await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(segments[3]))),
                    _ => throw new InvalidOperationException(path),
                };
            }

            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(segments[1], segments[2], segments[4], segments[5]);
            return JsonNode.Parse(list.GetRawText());
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Normalize(JsonNode item, string ns, IReadOnlyDictionary<string, string>? replacements)
    {
        Strip(item);
        var text = item.ToJsonString();
        text = text.Replace(ns, "<ns>", StringComparison.Ordinal);
        foreach (var (from, to) in replacements ?? new Dictionary<string, string>())
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        text = DeploymentId().Replace(text, "ecs-svc/<id>");
        text = PodSuffix().Replace(text, "$1-<pod>\"");
        return Uuid().Replace(text, "<uuid>");
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (Volatile.Contains(name) || name.EndsWith("Time", StringComparison.Ordinal) || name.EndsWith("Timestamp", StringComparison.Ordinal)
                        || name.EndsWith("At", StringComparison.Ordinal) || name.StartsWith("kubectl.kubernetes.io/", StringComparison.Ordinal))
                    {
                        o.Remove(name);
                    }
                    else
                    {
                        Strip(o[name]);
                    }
                }

                break;
            case JsonArray a:
                foreach (var element in a)
                {
                    Strip(element);
                }

                break;
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    [GeneratedRegex(@"ecs-svc/\d+")]
    private static partial Regex DeploymentId();

    // A task ARN names its pod, whose suffix the Job controller draws (vowels and 0, 1, 3 never appear in it).
    [GeneratedRegex("(\"taskArn\":\"[^\"]*)-[bcdfghjklmnpqrstvwxz2456789]{5}\"")]
    private static partial Regex PodSuffix();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
