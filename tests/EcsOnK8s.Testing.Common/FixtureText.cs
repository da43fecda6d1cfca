namespace EcsOnK8s.Testing.Common;

/// <summary>Edits of fixture text that fail loudly: a fixture whose edit silently missed tests the wrong input.</summary>
public static class FixtureText
{
    /// <summary>
    /// <paramref name="text"/> with every <paramref name="oldValue"/> (ordinal) replaced; throws when
    /// <paramref name="oldValue"/> does not occur.
    /// </summary>
    public static string ReplaceRequired(this string text, string oldValue, string newValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(oldValue);
        if (!text.Contains(oldValue, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the fixture does not contain '{oldValue}', so replacing it would change nothing", nameof(oldValue));
        }

        return text.Replace(oldValue, newValue, StringComparison.Ordinal);
    }
}
