namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A label selector over namespaces (as a NetworkPolicy's namespaceSelector); empty selects every namespace.</summary>
public sealed class PolicyNamespaceSelector
{
    /// <summary>Labels a namespace must carry, each with this value.</summary>
    public Dictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Requirements a namespace's labels must all meet.</summary>
    public List<PolicyNamespaceRequirement>? MatchExpressions { get; set; }
}
