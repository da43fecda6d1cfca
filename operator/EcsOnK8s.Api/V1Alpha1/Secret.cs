namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Secret
{
    /// <summary>The environment variable the secret's value is put in.</summary>
    public string? Name { get; set; }

    /// <summary>Secrets Manager ARN (optionally :json-key:version-stage:version-id), SSM parameter ARN or name.</summary>
    public string? ValueFrom { get; set; }
}
