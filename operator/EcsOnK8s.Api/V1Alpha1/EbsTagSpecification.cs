namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EbsTagSpecification
{
    public string? ResourceType { get; set; }

    public List<Tag>? Tags { get; set; }

    public string? PropagateTags { get; set; }
}
