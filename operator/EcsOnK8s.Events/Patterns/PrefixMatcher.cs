using System.Text;

namespace EcsOnK8s.Events.Patterns;

internal sealed class PrefixMatcher(string text, bool ignoreCase) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Matches(scoped in LeafValue value) =>
        value.IsString && (ignoreCase ? IgnoreCase.StartsWith(value.Utf8, _utf8, text) : value.Utf8.StartsWith(_utf8));
}
