namespace EcsOnK8s.Api.V1Alpha1;

public sealed class KernelCapabilities
{
    /// <summary>Linux capabilities added to the container's default set.</summary>
    public List<string>? Add { get; set; }

    /// <summary>Linux capabilities removed from the container's default set.</summary>
    public List<string>? Drop { get; set; }
}
