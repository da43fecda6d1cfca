namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Tag
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}
