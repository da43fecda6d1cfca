namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SecretKeyReference
{
    public string? Name { get; set; }

    public string? Key { get; set; }
}
