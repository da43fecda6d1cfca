namespace EcsOnK8s.Api.V1Alpha1;

public sealed class KernelCapabilities
{
    public List<string>? Add { get; set; }

    public List<string>? Drop { get; set; }
}
