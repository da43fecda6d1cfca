namespace EcsOnK8s.Events.Input;

/// <summary>Why a target's input is refused: the JSON path of the field (spec.targets[0].ecsTask.inputPath) and the reason.</summary>
public sealed record InputError(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
