using System.Text;

namespace EcsOnK8s.Events.Patterns;

internal sealed class ExactStringMatcher(string text) : ValueMatcher
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

    public string Text { get; } = text;

    public override bool Matches(scoped in LeafValue value) => value.IsString && value.Utf8.SequenceEqual(_utf8);
}
