using System.Text;

namespace EcsOnK8s.Events.Patterns;

internal sealed class SuffixMatcher(string text, bool ignoreCase) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Matches(scoped in LeafValue value) =>
        value.IsString && (ignoreCase ? IgnoreCase.EndsWith(value.Utf8, _utf8, text) : value.Utf8.EndsWith(_utf8));
}
