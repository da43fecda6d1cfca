namespace EcsOnK8s.Api.Schema;

/// <summary>CRD-level facts the generator needs beyond what KubernetesEntity says.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomResourceAttribute : Attribute
{
    public string ShortName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>Expose spec.desiredCount / status.runningCount / status.selector as the scale subresource.</summary>
    public bool ScaleSubresource { get; set; }

    /// <summary>Cluster-scoped (the CRD's scope Cluster) rather than namespaced.</summary>
    public bool ClusterScoped { get; set; }
}
