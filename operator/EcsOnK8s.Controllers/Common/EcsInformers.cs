using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The caches the EcsOnK8s controllers share, and their indexes. Two informer factories: one for the EcsOnK8s
/// resources users write, one for the objects EcsOnK8s renders (selected by the managed-by label, so the operator
/// never caches the rest of the cluster's Deployments, Pods or ControllerRevisions).
/// </summary>
public sealed class EcsInformers
{
    /// <summary>Index of task definitions and revisions by "namespace/family".</summary>
    public const string FamilyIndex = "family";

    /// <summary>Index of services by the "namespace/family" their taskDefinition names.</summary>
    public const string TaskDefinitionFamilyIndex = "task-definition-family";

    /// <summary>Index of services by "namespace/cluster".</summary>
    public const string ClusterIndex = "cluster";

    /// <summary>Index of pods and workloads by "namespace/service".</summary>
    public const string ServiceIndex = "service";

    /// <summary>Index of pods by "namespace/task" (the EcsTask that started them).</summary>
    public const string TaskIndex = "task";

    /// <summary>Index of pods and Jobs by "namespace/scheduled-task" (the EcsScheduledTask whose run they are).</summary>
    public const string ScheduledTaskIndex = "scheduled-task";

    /// <summary>Index of pods by "namespace/job" (the Job that created them, from Kubernetes' job-name label).</summary>
    public const string JobIndex = "job";

    public EcsInformers(InformerFactory resources, InformerFactory children)
    {
        Resources = resources ?? throw new ArgumentNullException(nameof(resources));
        Children = children ?? throw new ArgumentNullException(nameof(children));

        TaskDefinitions = resources.Get<EcsTaskDefinition>();
        TaskDefinitions.Store.AddIndex(FamilyIndex, td => [Scoped(td.Metadata, EffectiveFamily(td))]);
        Services = resources.Get<EcsService>();
        Services.Store.AddIndex(TaskDefinitionFamilyIndex, s =>
            TaskDefinitionReference.Parse(s.Spec.TaskDefinition, out _) is { } reference ? [Scoped(s.Metadata, reference.Family)] : []);
        Services.Store.AddIndex(ClusterIndex, s => [Scoped(s.Metadata, ClusterName(s.Spec.Cluster))]);
        Clusters = resources.Get<EcsCluster>();
        ClusterPolicies = resources.Get<EcsClusterPolicy>(ClusterPolicyType);
        Namespaces = resources.Get<V1Namespace>();

        Revisions = children.Get<V1ControllerRevision>();
        Revisions.Store.AddIndex(FamilyIndex, r =>
            r.Metadata?.Labels?.TryGetValue(WellKnownLabels.Family, out var family) == true ? [Scoped(r.Metadata, family)] : []);
        Deployments = children.Get<V1Deployment>();
        DaemonSets = children.Get<V1DaemonSet>();
        Pods = children.Get<V1Pod>();
        Pods.Store.AddIndex(ServiceIndex, p =>
            p.Metadata?.Labels?.TryGetValue(WellKnownLabels.Service, out var service) == true ? [Scoped(p.Metadata, service)] : []);
        Pods.Store.AddIndex(TaskIndex, p =>
            p.Metadata?.Labels?.TryGetValue(WellKnownLabels.Task, out var task) == true ? [Scoped(p.Metadata, task)] : []);
        Pods.Store.AddIndex(ScheduledTaskIndex, p =>
            p.Metadata?.Labels?.TryGetValue(WellKnownLabels.ScheduledTask, out var schedule) == true ? [Scoped(p.Metadata, schedule)] : []);
        Pods.Store.AddIndex(JobIndex, p =>
            p.Metadata?.Labels?.TryGetValue(WellKnownLabels.JobName, out var job) == true ? [Scoped(p.Metadata, job)] : []);
        Tasks = resources.Get<EcsTask>();
        ScheduledTasks = resources.Get<EcsScheduledTask>();
        EventRules = resources.Get<EcsEventRule>();
        Jobs = children.Get<V1Job>();
        Jobs.Store.AddIndex(ScheduledTaskIndex, j =>
            j.Metadata?.Labels?.TryGetValue(WellKnownLabels.ScheduledTask, out var schedule) == true ? [Scoped(j.Metadata, schedule)] : []);
    }

    /// <summary>
    /// The options of the children's informers, from the operator's <paramref name="options"/> (namespaces, timeouts):
    /// only objects with EcsOnK8s's managed-by label, of managed fields only the operator's Apply entry (what the
    /// applier reads to tell a hand edit), each object trimmed to what the reconcilers read (<see cref="CachedChildren"/>).
    /// </summary>
    public static InformerOptions ChildOptions(InformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            LabelSelector = $"{WellKnownLabels.ManagedBy}={WellKnownLabels.ManagedByValue}",
            KeepManagedFieldsOf = EcsApi.FieldManager,
            Transform = CachedChildren.Trim,
        };
    }

    public InformerFactory Resources { get; }

    public InformerFactory Children { get; }

    public Informer<EcsTaskDefinition> TaskDefinitions { get; }

    public Informer<EcsService> Services { get; }

    public Informer<EcsCluster> Clusters { get; }

    /// <summary>The cluster-wide bounds on what EcsClusters may allow (cluster-scoped).</summary>
    public Informer<EcsClusterPolicy> ClusterPolicies { get; }

    /// <summary>Namespaces, for the labels EcsClusterPolicies select them by.</summary>
    public Informer<V1Namespace> Namespaces { get; }

    /// <summary>The cached labels of <paramref name="namespace"/>; null when it has none or is not cached.</summary>
    public IDictionary<string, string>? NamespaceLabels(string @namespace) =>
        Namespaces.Store.Get(new ObjectKey(string.Empty, @namespace))?.Metadata?.Labels;

    /// <summary>EcsClusterPolicy is cluster-scoped, which its model's attribute cannot say to the runtime.</summary>
    public static ResourceType ClusterPolicyType { get; } = new(EcsApi.Group, EcsApi.Version, EcsClusterPolicy.Plural, EcsClusterPolicy.KindName, Namespaced: false);

    public Informer<V1ControllerRevision> Revisions { get; }

    public Informer<V1Deployment> Deployments { get; }

    public Informer<V1DaemonSet> DaemonSets { get; }

    public Informer<V1Pod> Pods { get; }

    public Informer<EcsTask> Tasks { get; }

    public Informer<EcsScheduledTask> ScheduledTasks { get; }

    public Informer<V1Job> Jobs { get; }

    public Informer<EcsEventRule> EventRules { get; }

    /// <summary>The family a task definition resource registers: spec.family, else its name.</summary>
    public static string EffectiveFamily(EcsTaskDefinition td)
    {
        ArgumentNullException.ThrowIfNull(td);
        return string.IsNullOrEmpty(td.Spec.Family) ? td.Metadata.Name : td.Spec.Family;
    }

    /// <summary>The cluster a service or task names; ECS's "default" when none.</summary>
    public static string ClusterName(string? cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster))
        {
            return "default";
        }

        // An ECS cluster ARN ends in cluster/NAME.
        var slash = cluster.LastIndexOf('/');
        return slash >= 0 && cluster.StartsWith("arn:", StringComparison.Ordinal) ? cluster[(slash + 1)..] : cluster;
    }

    public static string Scoped(V1ObjectMeta? metadata, string name) => $"{metadata?.NamespaceProperty}/{name}";
}
