namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SystemControl
{
    public string? Namespace { get; set; }

    public string? Value { get; set; }
}
