using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EbsTagSpecification
{
    [EnumValues("volume")]
    public string? ResourceType { get; set; }

    public List<Tag>? Tags { get; set; }

    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }
}
