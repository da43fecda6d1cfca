using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary><c>true</c>, <c>false</c> or <c>null</c> in a value list; <c>null</c> matches a JSON null, not a missing field.</summary>
internal sealed class ExactLiteralMatcher(JsonValueKind kind) : ValueMatcher
{
    public override bool Matches(scoped in LeafValue value) => value.Kind == kind;
}
