using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Security;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Builds the pod template of a workload through <see cref="PodTemplateBuilder"/>, with the task definition's
/// report paths under <c>taskDefinition.</c> (overrides keep their own prefix).
/// </summary>
public static class WorkloadPod
{
    public const string TaskDefinitionPrefix = "taskDefinition.";

    public static PodRenderResult Build(
        RenderRequest request,
        string ns,
        string ownerName,
        string clusterName,
        EcsClusterSpec cluster,
        IReadOnlyDictionary<string, string> podLabels,
        bool runToCompletion,
        TaskOverride? overrides,
        string overridesPath,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        var (podSecurity, podSecuritySource) = PodSecurityLevel.Resolve(cluster, clusterName, request.PodSecurityFloor, request.PodSecurityFloorSource);
        var context = new PodRenderContext
        {
            Namespace = ns,
            OwnerName = ownerName,
            TaskDefinition = request.TaskDefinition,
            ClusterName = clusterName,
            Cluster = cluster,
            PolicyBound = request.PolicyBound,
            Capabilities = request.Capabilities,
            PodSecurity = podSecurity,
            PodSecuritySource = podSecuritySource,
            Report = report,
            Labels = podLabels,
            RunToCompletion = runToCompletion,
            Overrides = overrides,
            TaskDefinitionPath = TaskDefinitionPrefix,
            OverridesPath = overridesPath,
        };
        return PodTemplateBuilder.Build(context);
    }

    /// <summary>A deep copy (one per extra capacity provider).</summary>
    public static V1PodTemplateSpec Clone(V1PodTemplateSpec template) =>
        KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(template));

}
