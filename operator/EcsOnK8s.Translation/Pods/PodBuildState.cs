using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Security;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>What the pod builders share while one pod template is assembled.</summary>
internal sealed class PodBuildState
{
    public PodBuildState(PodRenderContext context, EcsTaskDefinitionSpec spec)
    {
        Context = context;
        Spec = spec;
        Unrestricted = PolicyBounds.Effective(context.Cluster.Policy, context.PolicyBound);
        Restricted = context.PodSecurity == PodSecurityLevels.Restricted;
        Policy = Restricted ? RestrictedPodSecurity.Cap(Unrestricted) : Unrestricted;
    }

    public PodRenderContext Context { get; }

    public EcsTaskDefinitionSpec Spec { get; }

    public TranslationReport Report => Context.Report;

    /// <summary>
    /// What every task-definition path starts with (<see cref="PodRenderContext.TaskDefinitionPath"/>): mappers
    /// write whole paths, so the report needs no knowledge of where the task definition sits in the input.
    /// </summary>
    public string Root => Context.TaskDefinitionPath;

    /// <summary>
    /// The policy in force: the EcsCluster's spec.policy within the bound, and, under Pod Security restricted, cut
    /// down to what restricted allows (no baseline exception, NET_BIND_SERVICE the only capability).
    /// </summary>
    public ClusterPolicy Policy { get; }

    /// <summary>The EcsCluster's spec.policy within the bound, before Pod Security restricted cuts it.</summary>
    public ClusterPolicy Unrestricted { get; }

    /// <summary>Whether the pod must meet Pod Security restricted.</summary>
    public bool Restricted { get; }

    public V1PodSpec Pod { get; } = new() { Containers = [] };

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public List<IKubernetesObject<V1ObjectMeta>> Companions { get; } = [];

    public List<V1Volume> Volumes { get; } = [];

    public NameAllocator VolumeNames { get; } = new();

    public NameAllocator PortNames { get; } = new(KubeNames.MaxPortNameLength);

    /// <summary>Declared container ports (port, protocol) → the path of the port mapping that declared it first.</summary>
    public Dictionary<(int Port, string Protocol), string> ContainerPorts { get; } = [];

    /// <summary>ECS volume name → what a mount of it becomes.</summary>
    public Dictionary<string, VolumeTarget> VolumeTargets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> LaunchVolumes { get; } = new(StringComparer.Ordinal);

    public List<ContainerPlan> Containers { get; } = [];

    public Dictionary<string, ContainerPlan> ContainersByEcsName { get; } = new(StringComparer.Ordinal);

    public bool HasTaskRole { get; set; }

    /// <summary>Records <paramref name="path"/> as refused by a policy switch that is off.</summary>
    public void Refuse(string path, string what, string policySwitch) =>
        Report.Refused(path, $"{what} are refused: {PolicyCause(policySwitch, PolicyBounds.Allows(Context.Cluster.Policy, policySwitch))}");

    /// <summary>
    /// Why a policy field did not allow something: the EcsCluster's own spec.policy, or, when that allows it
    /// (<paramref name="clusterAllows"/>), the cluster-wide bound on its namespace.
    /// </summary>
    public string PolicyCause(string policyField, bool clusterAllows) =>
        Restricted && clusterAllows && (policyField.StartsWith("allowed", StringComparison.Ordinal) || PolicyBounds.Allows(Unrestricted, policyField))
        ? $"Pod Security restricted ({Context.PodSecuritySource}) refuses it"
        : clusterAllows
        ? $"EcsCluster {Context.ClusterName} spec.policy.{policyField} allows it, but no EcsClusterPolicy allows it in namespace {Context.Namespace} (cluster-wide bound)"
        : policyField.StartsWith("allowed", StringComparison.Ordinal)
            ? $"EcsCluster {Context.ClusterName} spec.policy.{policyField} does not list it"
            : $"EcsCluster {Context.ClusterName} spec.policy.{policyField} is false";

    /// <summary>Records <paramref name="path"/> and every leaf below it with one disposition.</summary>
    public void ReportAll(object? value, string path, Disposition disposition, string reason) =>
        ReportAll(value, path, disposition, reason, disposition == Disposition.Rejected ? RejectionKind.Unsupported : RejectionKind.None);

    /// <summary>Records <paramref name="path"/> and every leaf below it as refused by the EcsCluster's policy.</summary>
    public void RefuseAll(object? value, string path, string reason) =>
        ReportAll(value, path, Disposition.Rejected, reason, RejectionKind.Policy);

    private void ReportAll(object? value, string path, Disposition disposition, string reason, RejectionKind rejection)
    {
        Report.Add(path, disposition, reason, rejection);
        if (value is null || value is string || value.GetType().IsValueType || value is System.Collections.IEnumerable)
        {
            return;
        }

        Report.AddLeaves(value, path, disposition, reason, rejection);
    }

    /// <summary>Adds a companion unless one of the same kind and name is already there (shared volumes, secrets).</summary>
    public void AddCompanion(IKubernetesObject<V1ObjectMeta> companion)
    {
        if (!Companions.Any(c => c.Kind == companion.Kind && c.Metadata.Name == companion.Metadata.Name))
        {
            Companions.Add(companion);
        }
    }

    public T? FindCompanion<T>(string kind, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Companions.FirstOrDefault(c => c.Kind == kind && c.Metadata.Name == name) as T;
}
