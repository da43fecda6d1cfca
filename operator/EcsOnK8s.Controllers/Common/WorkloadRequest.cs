using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>What <see cref="WorkloadFrame.PrepareAsync"/> needs from a service, task or schedule.</summary>
public sealed record WorkloadRequest
{
    /// <summary>The workload resource, as cached: it owns the children.</summary>
    public required IKubernetesObject<V1ObjectMeta> Workload { get; init; }

    /// <summary>Puts <see cref="Workload"/> in its place of a render request (the request's service, task or schedule).</summary>
    public required Func<RenderRequest, RenderRequest> Render { get; init; }

    /// <summary>How messages name the workload ("service", "task", "schedule").</summary>
    public required string Noun { get; init; }

    /// <summary>The cluster name or ARN the workload names; "default" when null.</summary>
    public string? Cluster { get; init; }

    /// <summary>The task definition the workload names ("family" or "family:revision", or an ARN).</summary>
    public string? TaskDefinition { get; init; }

    /// <summary>The path of the field that names <see cref="TaskDefinition"/>, as the user wrote it (for messages).</summary>
    public string TaskDefinitionField { get; init; } = "spec.taskDefinition";

    /// <summary>Whether the workload already runs a revision ("family:n"): an INACTIVE one it runs is still its to use.</summary>
    public Func<string, bool> AlreadyRunning { get; init; } = _ => false;

    /// <summary>
    /// The revision to render, given the resolution, its family and the revision it resolved to; that revision when
    /// null. A service may stay on, or roll back to, another of the family's revisions.
    /// </summary>
    public Func<RevisionResolution, string, V1ControllerRevision, V1ControllerRevision>? ChooseRevision { get; init; }
}
