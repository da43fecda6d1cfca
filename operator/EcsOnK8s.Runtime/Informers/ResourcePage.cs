namespace EcsOnK8s.Runtime.Informers;

/// <summary>A page of a LIST: items, the list's resource version and the continue token of the next page (null at the end).</summary>
public sealed record ResourcePage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue)
{
    /// <summary>Listed objects that the typed model cannot read; they are not among <see cref="Items"/>.</summary>
    public IReadOnlyList<UndecodableObject> Undecodable { get; init; } = [];
}
