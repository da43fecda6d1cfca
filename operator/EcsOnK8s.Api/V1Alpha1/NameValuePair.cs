namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A name/value pair, as ECS writes environment variables and properties.</summary>
public sealed class NameValuePair
{
    /// <summary>The name.</summary>
    public string? Name { get; set; }

    /// <summary>The value.</summary>
    public string? Value { get; set; }
}
