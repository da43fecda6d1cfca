namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// <c>anything-but</c>: any leaf that none of the excluded values or conditions matches, whatever its type (a
/// number is "anything but" a string prefix). A missing field is not a value, so it never matches.
/// </summary>
internal sealed class AnythingButMatcher(ValueMatcher[] excluded) : ValueMatcher
{
    public override bool Matches(scoped in LeafValue value)
    {
        foreach (var matcher in excluded)
        {
            if (matcher.Matches(value))
            {
                return false;
            }
        }

        return true;
    }
}
