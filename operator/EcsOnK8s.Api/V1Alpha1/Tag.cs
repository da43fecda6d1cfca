namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Tag
{
    /// <summary>The tag's key.</summary>
    public string? Key { get; set; }

    /// <summary>The tag's value.</summary>
    public string? Value { get; set; }
}
