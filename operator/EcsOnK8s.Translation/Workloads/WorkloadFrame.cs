using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// What the service, task and scheduled task renderers start from alike: namespace, name, cluster, labels and the
/// pod template, with placement and capacity providers resolved against the ECS fields under <see cref="Prefix"/>.
/// </summary>
internal sealed class WorkloadFrame
{
    private WorkloadFrame(
        string ns,
        string name,
        string clusterName,
        EcsClusterSpec cluster,
        WorkloadLabels labels,
        PodRenderResult pod,
        string prefix,
        TranslationReport report)
    {
        Namespace = ns;
        Name = name;
        ClusterName = clusterName;
        Cluster = cluster;
        Labels = labels;
        Pod = pod;
        Prefix = prefix;
        Report = report;
    }

    public string Namespace { get; }

    /// <summary>The workload's Kubernetes name (already a valid name).</summary>
    public string Name { get; }

    public string ClusterName { get; }

    public EcsClusterSpec Cluster { get; }

    public WorkloadLabels Labels { get; }

    /// <summary>The pod template and its companions (service account, claims, external secrets).</summary>
    public PodRenderResult Pod { get; }

    public V1PodTemplateSpec Template => Pod.Template;

    /// <summary>Report prefix of the ECS fields placement and capacity providers come from ("task.").</summary>
    public string Prefix { get; }

    public TranslationReport Report { get; }

    /// <summary>
    /// Labels the workload and renders its pod template: for tasks that run to completion with restartPolicy Never.
    /// The template carries the task definition annotation either way.
    /// </summary>
    public static WorkloadFrame Create(
        RenderRequest request,
        V1ObjectMeta? metadata,
        string name,
        string displayName,
        string? specCluster,
        string kindLabel,
        IEnumerable<Tag>? tags,
        bool propagateTagsToPods,
        bool runToCompletion,
        TaskOverride? overrides,
        string overridesPath,
        string prefix,
        TranslationReport report)
    {
        var ns = metadata?.NamespaceProperty ?? "default";
        var clusterName = request.Cluster?.Metadata?.Name ?? specCluster ?? "default";
        var cluster = request.Cluster?.Spec ?? new EcsClusterSpec();
        var labels = WorkloadLabels.Build(kindLabel, name, displayName, request.TaskDefinition, clusterName, tags, propagateTagsToPods);
        var pod = WorkloadPod.Build(request, ns, name, clusterName, cluster, labels.Pod, runToCompletion, overrides, overridesPath, report);
        var template = pod.Template;
        template.Spec ??= new V1PodSpec();
        if (runToCompletion)
        {
            template.Spec.RestartPolicy = "Never";
        }

        AnnotateTemplate(template, request.TaskDefinition);
        return new WorkloadFrame(ns, name, clusterName, cluster, labels, pod, prefix, report);
    }

    public void ApplyPlacement(IReadOnlyList<PlacementConstraint>? constraints, IReadOnlyList<PlacementStrategy>? strategies) =>
        WorkloadScheduling.ApplyPlacement(Template.Spec, constraints, strategies, Labels.Selector, Prefix, Report);

    public IReadOnlyList<ProviderShare> ResolveProviders(string? launchType, IReadOnlyList<CapacityProviderStrategyItem>? strategy, int count) =>
        WorkloadScheduling.ResolveProviders(launchType, strategy, Cluster, count, Prefix, Report);

    /// <summary>Labels <paramref name="template"/> with the share's capacity provider and applies the provider's scheduling.</summary>
    public void ApplyShare(V1PodTemplateSpec template, ProviderShare share, string? launchType)
    {
        if (share.Name is not null)
        {
            template.Metadata.Labels = WorkloadLabels.With(template.Metadata.Labels ?? new Dictionary<string, string>(), WellKnownLabels.CapacityProvider, KubeNames.LabelValue(share.Name));
        }

        if (share.Provider is not null)
        {
            WorkloadScheduling.ApplyProvider(template.Spec, share.Provider, launchType is not null ? Prefix + "launchType" : Prefix + "capacityProviderStrategy", Report);
        }
    }

    private static void AnnotateTemplate(V1PodTemplateSpec template, ResolvedTaskDefinition taskDefinition)
    {
        template.Metadata ??= new V1ObjectMeta();
        // The pod template builder sets it already: no copy then.
        if (template.Metadata.Annotations?.TryGetValue(WellKnownAnnotations.TaskDefinition, out var current) == true && current == taskDefinition.Identifier)
        {
            return;
        }

        template.Metadata.Annotations = WorkloadLabels.With(template.Metadata.Annotations ?? new Dictionary<string, string>(), WellKnownAnnotations.TaskDefinition, taskDefinition.Identifier);
    }
}
