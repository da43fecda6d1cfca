namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerOverride
{
    public string? Name { get; set; }

    public List<string>? Command { get; set; }

    public List<NameValuePair>? Environment { get; set; }

    public List<EnvironmentFile>? EnvironmentFiles { get; set; }

    public int? Cpu { get; set; }

    public int? Memory { get; set; }

    public int? MemoryReservation { get; set; }

    public List<ResourceRequirement>? ResourceRequirements { get; set; }
}
