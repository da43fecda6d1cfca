using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// The labels of one workload. <see cref="Selector"/> is stable across revisions (no revision, family or cluster
/// label) so a rollout keeps the selector; <see cref="Pod"/> adds the task definition and cluster;
/// <see cref="Object"/> is what the rendered objects themselves carry (pod labels plus the workload's tags).
/// </summary>
public sealed record WorkloadLabels(
    IReadOnlyDictionary<string, string> Selector,
    IReadOnlyDictionary<string, string> Pod,
    IReadOnlyDictionary<string, string> Object)
{
    /// <summary>
    /// Labels for a workload: <paramref name="kindLabel"/> is WellKnownLabels.Service, .Task or .ScheduledTask,
    /// <paramref name="objectName"/> the workload's Kubernetes name (the kind label's value), <paramref name="displayName"/> the
    /// ECS name (serviceName, schedule name) for app.kubernetes.io/name.
    /// </summary>
    public static WorkloadLabels Build(
        string kindLabel,
        string objectName,
        string displayName,
        ResolvedTaskDefinition taskDefinition,
        string clusterName,
        IEnumerable<Tag>? tags,
        bool propagateTagsToPods)
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var instance = KubeNames.LabelValue(objectName);
        var appName = KubeNames.LabelValue(displayName);
        // No app.kubernetes.io/instance: Argo CD tracks what carries it (its default tracking label), and an
        // Application named like the workload would claim, and prune, its children. Our own kind label names the
        // workload instead.
        var selector = new Dictionary<string, string>(3, StringComparer.Ordinal)
        {
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
            [WellKnownLabels.Name] = appName,
            [kindLabel] = instance,
        };
        var pod = new Dictionary<string, string>(6, StringComparer.Ordinal)
        {
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
            [WellKnownLabels.Name] = appName,
            [WellKnownLabels.Cluster] = KubeNames.LabelValue(clusterName),
            [WellKnownLabels.Family] = KubeNames.LabelValue(taskDefinition.Family),
            [WellKnownLabels.Revision] = taskDefinition.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [kindLabel] = instance,
        };
        var obj = new Dictionary<string, string>(pod, StringComparer.Ordinal);
        if (tags is not null)
        {
            var tagLabels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                if (!string.IsNullOrEmpty(tag.Key))
                {
                    tagLabels[WellKnownLabels.TagPrefix + KubeNames.KeyName(tag.Key)] = KubeNames.LabelValue(tag.Value);
                }
            }

            foreach (var (key, value) in tagLabels)
            {
                obj[key] = value;
                if (propagateTagsToPods)
                {
                    pod[key] = value;
                }
            }
        }

        return new WorkloadLabels(selector, pod, obj);
    }

    /// <summary>A copy, so that rendered objects never share a map (each object's labels are its own).</summary>
    public static Dictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>>? source) =>
        new(source ?? [], StringComparer.Ordinal);

    /// <summary>A copy with one entry set.</summary>
    public static Dictionary<string, string> With(IEnumerable<KeyValuePair<string, string>>? source, string key, string value)
    {
        var copy = Copy(source);
        copy[key] = value;
        return copy;
    }
}
