using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EbsTagSpecification
{
    /// <summary>The resource the tags go to: volume.</summary>
    [EnumValues("volume")]
    public string? ResourceType { get; set; }

    /// <summary>Tags of the volume.</summary>
    public List<Tag>? Tags { get; set; }

    /// <summary>Whether the volume also gets the task definition's or the service's tags.</summary>
    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }
}
