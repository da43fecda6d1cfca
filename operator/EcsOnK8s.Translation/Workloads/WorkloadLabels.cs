using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;

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
    /// <paramref name="objectName"/> the workload's Kubernetes name (instance), <paramref name="displayName"/> the
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
        var selector = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownLabels.Name] = KubeNames.LabelValue(displayName),
            [WellKnownLabels.Instance] = KubeNames.LabelValue(objectName),
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
            [kindLabel] = KubeNames.LabelValue(objectName),
        };
        var pod = new SortedDictionary<string, string>(selector, StringComparer.Ordinal)
        {
            [WellKnownLabels.Family] = KubeNames.LabelValue(taskDefinition.Family),
            [WellKnownLabels.Revision] = taskDefinition.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WellKnownLabels.Cluster] = KubeNames.LabelValue(clusterName),
        };
        var obj = new SortedDictionary<string, string>(pod, StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                continue;
            }

            var key = WellKnownLabels.TagPrefix + KubeNames.KeyName(tag.Key);
            var value = KubeNames.LabelValue(tag.Value);
            obj[key] = value;
            if (propagateTagsToPods)
            {
                pod[key] = value;
            }
        }

        return new WorkloadLabels(selector, pod, obj);
    }

    /// <summary>A sorted copy (deterministic, readable YAML).</summary>
    public static SortedDictionary<string, string> Sorted(IEnumerable<KeyValuePair<string, string>>? source)
    {
        // A sorted source with the same comparer is copied node for node, without comparing keys.
        if (source is SortedDictionary<string, string> same && same.Comparer == StringComparer.Ordinal)
        {
            return new SortedDictionary<string, string>(same, StringComparer.Ordinal);
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source ?? [])
        {
            sorted[key] = value;
        }

        return sorted;
    }

    /// <summary>A sorted copy with one entry set.</summary>
    public static SortedDictionary<string, string> With(IEnumerable<KeyValuePair<string, string>>? source, string key, string value)
    {
        var sorted = Sorted(source);
        sorted[key] = value;
        return sorted;
    }
}
