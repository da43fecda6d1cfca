using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Pods;

/// <summary>Inputs of the pod template shared by services, tasks and scheduled tasks.</summary>
public sealed record PodRenderContext
{
    public required string Namespace { get; init; }

    /// <summary>Name of the owning workload (service, task, schedule); prefixes companion object names.</summary>
    public required string OwnerName { get; init; }

    public required ResolvedTaskDefinition TaskDefinition { get; init; }

    public required string ClusterName { get; init; }

    public required EcsClusterSpec Cluster { get; init; }

    /// <summary>The bound on the cluster's policy (<see cref="Model.RenderRequest.PolicyBound"/>); null for none.</summary>
    public ClusterPolicy? PolicyBound { get; init; }

    public required ClusterCapabilities Capabilities { get; init; }

    /// <summary>The Pod Security level the pod template must meet (<see cref="PodSecurityLevels"/>).</summary>
    public string PodSecurity { get; init; } = PodSecurityLevels.Baseline;

    /// <summary>What set <see cref="PodSecurity"/>, for the messages of what it refuses.</summary>
    public string PodSecuritySource { get; init; } = "the default";

    /// <summary>Where every field's disposition is recorded.</summary>
    public required TranslationReport Report { get; init; }

    /// <summary>Labels every pod carries (selector labels included).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Tasks that run to completion (EcsTask, EcsScheduledTask) rather than forever (EcsService).</summary>
    public bool RunToCompletion { get; init; }

    /// <summary>RunTask overrides applied to the task definition, if any.</summary>
    public TaskOverride? Overrides { get; init; }

    /// <summary>
    /// What the report paths of the task definition's fields start with: empty when the task definition is the
    /// input, <c>taskDefinition.</c> when a workload renders it.
    /// </summary>
    public string TaskDefinitionPath { get; init; } = string.Empty;

    /// <summary>Report path prefix of the overrides (e.g. "spec.overrides").</summary>
    public string OverridesPath { get; init; } = "overrides";
}
