using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The workload's children were rendered from <see cref="Revision"/> and applied; nothing is pruned yet.
/// <see cref="Requested"/> is the "family:revision" the workload's spec resolved to, which <see cref="Revision"/> may
/// differ from (a service that stays on, or rolls back to, another revision).
/// </summary>
public sealed record WorkloadPrepared(
    EcsCluster Cluster,
    RevisionResolution Resolution,
    string Family,
    string Requested,
    V1ControllerRevision Revision,
    ClusterCapabilities Capabilities,
    RenderResult Rendered,
    TranslationSummary Summary) : WorkloadPreparation
{
    /// <summary>"family:revision" of what was rendered (the effective task definition).</summary>
    public string TaskDefinition => $"{Family}:{TaskDefinitionRevisions.Number(Revision)}";
}
