namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeadLetterConfig
{
    /// <summary>The SQS queue that receives events the target could not take. Recorded; failures are reported in the status.</summary>
    public string? Arn { get; set; }
}
