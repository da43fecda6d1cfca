namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SecretKeyReference
{
    /// <summary>The Kubernetes Secret's name.</summary>
    public string? Name { get; set; }

    /// <summary>The key in the Secret.</summary>
    public string? Key { get; set; }
}
