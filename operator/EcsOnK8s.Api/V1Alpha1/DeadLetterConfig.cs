namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeadLetterConfig
{
    public string? Arn { get; set; }
}
