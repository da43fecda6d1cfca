using System.Buffers;
using System.Text;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// Case-insensitive comparison of an event's UTF-8 string with a pattern string: on bytes when both are ASCII (the
/// usual case, no decoding), else on the decoded characters with ordinal ignore-case rules.
/// </summary>
internal static class IgnoreCase
{
    private const int StackChars = 256;

    public static bool Equals(ReadOnlySpan<byte> value, ReadOnlySpan<byte> utf8, string text)
    {
        if (Ascii.IsValid(value) && Ascii.IsValid(utf8))
        {
            return Ascii.EqualsIgnoreCase(value, utf8);
        }

        return WithChars(value, text, static (chars, t) => chars.Equals(t, StringComparison.OrdinalIgnoreCase));
    }

    public static bool StartsWith(ReadOnlySpan<byte> value, ReadOnlySpan<byte> utf8, string text)
    {
        if (Ascii.IsValid(utf8) && value.Length >= utf8.Length && Ascii.IsValid(value[..utf8.Length]))
        {
            return Ascii.EqualsIgnoreCase(value[..utf8.Length], utf8);
        }

        return WithChars(value, text, static (chars, t) => chars.StartsWith(t, StringComparison.OrdinalIgnoreCase));
    }

    public static bool EndsWith(ReadOnlySpan<byte> value, ReadOnlySpan<byte> utf8, string text)
    {
        if (Ascii.IsValid(utf8) && value.Length >= utf8.Length && Ascii.IsValid(value[^utf8.Length..]))
        {
            return Ascii.EqualsIgnoreCase(value[^utf8.Length..], utf8);
        }

        return WithChars(value, text, static (chars, t) => chars.EndsWith(t, StringComparison.OrdinalIgnoreCase));
    }

    private delegate bool CharTest(ReadOnlySpan<char> chars, string text);

    private static bool WithChars(ReadOnlySpan<byte> value, string text, CharTest test)
    {
        var max = Encoding.UTF8.GetMaxCharCount(value.Length);
        char[]? rented = null;
        var buffer = max <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            var count = Encoding.UTF8.GetChars(value, buffer);
            return test(buffer[..count], text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
