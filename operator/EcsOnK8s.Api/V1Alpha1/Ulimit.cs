namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Ulimit
{
    public string? Name { get; set; }

    public int? SoftLimit { get; set; }

    public int? HardLimit { get; set; }
}
