namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterSetting
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
