using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EcsOnK8s.Events.Input;

/// <summary>
/// The JSONPath subset EventBridge accepts in inputPath and inputPathsMap: <c>$</c>, then dot notation
/// (<c>.detail.object.key</c>; names of letters, digits, <c>_</c>, <c>-</c> and <c>/</c>), array indices
/// (<c>[0]</c>) and wildcards (<c>.*</c>, <c>[*]</c>). Bracket notation for names is not accepted (EventBridge
/// refuses it too). A path with a wildcard selects an array of every match.
/// </summary>
public sealed class InputPath
{
    private readonly IReadOnlyList<Step> _steps;

    private InputPath(string text, IReadOnlyList<Step> steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>Whether the path has a wildcard (it then selects an array).</summary>
    public bool HasWildcard => _steps.Any(s => s.Kind == StepKind.Wildcard);

    /// <summary>Parses a path; false with the reason when it is outside the subset.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out InputPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty; a path starts with $";
            return false;
        }

        if (text[0] != '$')
        {
            error = $"'{text}' does not start with $";
            return false;
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                if (i < text.Length && text[i] == '*')
                {
                    steps.Add(new Step(StepKind.Wildcard, null, 0));
                    i++;
                    continue;
                }

                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"'{text}' has no name after the dot at position {start}";
                    return false;
                }

                steps.Add(new Step(StepKind.Name, text[start..i], 0));
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"'{text}' has an unclosed [ at position {i + 1}";
                    return false;
                }

                var inside = text[(i + 1)..close];
                if (inside == "*")
                {
                    steps.Add(new Step(StepKind.Wildcard, null, 0));
                }
                else if (inside.Length > 0 && inside.All(char.IsAsciiDigit)
                    && int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new Step(StepKind.Index, null, index));
                }
                else
                {
                    error = $"'{text}' has [{inside}] at position {i + 1}: only array indices ([0]) and [*] are accepted (names use dot notation)";
                    return false;
                }

                i = close + 1;
            }
            else
            {
                error = $"'{text}' has '{text[i]}' at position {i + 1} where . or [ was expected";
                return false;
            }
        }

        path = new InputPath(text, steps);
        error = null;
        return true;
    }

    /// <summary>
    /// The value at this path in <paramref name="root"/>: found (the value may be JSON null) or not. With a wildcard
    /// it is always found: an array of the matches, in document order.
    /// </summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode? value)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(node => Apply(step, node)).ToList();
        }

        var matches = current.ToList();
        if (HasWildcard)
        {
            value = new JsonArray([.. matches.Select(m => m?.DeepClone())]);
            return true;
        }

        if (matches.Count == 0)
        {
            value = null;
            return false;
        }

        value = matches[0];
        return true;
    }

    public override string ToString() => Text;

    private static IEnumerable<JsonNode?> Apply(Step step, JsonNode? node)
    {
        switch (step.Kind)
        {
            case StepKind.Name when node is JsonObject obj && obj.TryGetPropertyValue(step.Name!, out var child):
                return [child];
            case StepKind.Index when node is JsonArray array && step.Index < array.Count:
                return [array[step.Index]];
            case StepKind.Wildcard when node is JsonObject obj:
                return obj.Select(p => p.Value);
            case StepKind.Wildcard when node is JsonArray array:
                return array;
            default:
                return [];
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/';

    private enum StepKind
    {
        Name,
        Index,
        Wildcard,
    }

    private sealed record Step(StepKind Kind, string? Name, int Index);
}
