namespace EcsOnK8s.Events.Patterns;

/// <summary>One entry of a pattern field's value list: an exact value or an operator, tested against one leaf.</summary>
internal abstract class ValueMatcher
{
    public abstract bool Matches(scoped in LeafValue value);
}
