using System.Text;

namespace EcsOnK8s.Events.Patterns;

internal sealed class EqualsIgnoreCaseMatcher(string text) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public override bool Matches(scoped in LeafValue value) => value.IsString && IgnoreCase.Equals(value.Utf8, _utf8, text);
}
