namespace EcsOnK8s.Events.Patterns;

/// <summary><c>numeric</c>: a JSON number inside the range (bounds absent are infinite); strings never match.</summary>
internal sealed class NumericMatcher(double lower, bool lowerInclusive, double upper, bool upperInclusive) : ValueMatcher
{
    public override bool Matches(scoped in LeafValue value)
    {
        if (!value.IsFiniteNumber)
        {
            return false;
        }

        var n = value.Number;
        return (lowerInclusive ? n >= lower : n > lower) && (upperInclusive ? n <= upper : n < upper);
    }
}
