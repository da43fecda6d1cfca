namespace EcsOnK8s.Translation.Validation;

/// <summary>One thing the API server would refuse in a rendered object: the field path in that object, and why.</summary>
public sealed record FieldError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
