namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ScalableTargetAction
{
    public int? MinCapacity { get; set; }

    public int? MaxCapacity { get; set; }
}
