using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>One requirement on a namespace's labels.</summary>
public sealed class PolicyNamespaceRequirement
{
    /// <summary>The label key.</summary>
    [SchemaRequired]
    public string? Key { get; set; }

    /// <summary>In and NotIn compare the value with values; Exists and DoesNotExist look at the key only.</summary>
    [SchemaRequired]
    [EnumValues("In", "NotIn", "Exists", "DoesNotExist")]
    public string? Operator { get; set; }

    /// <summary>The values In and NotIn compare with.</summary>
    public List<string>? Values { get; set; }
}
