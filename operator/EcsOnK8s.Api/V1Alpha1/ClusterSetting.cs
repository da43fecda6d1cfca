namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterSetting
{
    /// <summary>The setting's name, e.g. containerInsights.</summary>
    public string? Name { get; set; }

    /// <summary>The setting's value, e.g. enabled.</summary>
    public string? Value { get; set; }
}
