namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ScalableTargetAction
{
    /// <summary>The minimum capacity the action sets.</summary>
    public int? MinCapacity { get; set; }

    /// <summary>The maximum capacity the action sets.</summary>
    public int? MaxCapacity { get; set; }
}
