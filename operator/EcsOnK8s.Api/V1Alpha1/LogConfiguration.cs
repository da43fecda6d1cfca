namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LogConfiguration
{
    public string? LogDriver { get; set; }

    public Dictionary<string, string>? Options { get; set; }

    public List<Secret>? SecretOptions { get; set; }
}
