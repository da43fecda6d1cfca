namespace EcsOnK8s.Events.Patterns;

/// <summary>A number in a value list: compared by value, so 300, 300.0 and 3e2 are one number.</summary>
internal sealed class ExactNumberMatcher(double number) : ValueMatcher
{
    public override bool Matches(scoped in LeafValue value) => value.IsFiniteNumber && value.Number == number;
}
