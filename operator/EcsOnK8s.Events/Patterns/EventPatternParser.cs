using System.Globalization;
using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// Reads an event pattern as EventBridge's PutRule does, refusing what it refuses. Every refusal names the JSON path
/// in the pattern and the reason; <see cref="PatternRefused"/> carries it up to <see cref="EventPattern.Parse(string)"/>,
/// which turns it into a result (nothing escapes to the caller).
/// </summary>
internal static class EventPatternParser
{
    /// <summary>EventBridge's bounds for numbers in <c>numeric</c> (and <c>anything-but</c> numbers).</summary>
    public const double NumericLimit = 5.0e9;

    public const string OrKey = "$or";

    private static readonly string[] Operators =
        ["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "cidr", "wildcard"];

    public static PatternNode ParseRoot(JsonElement root) => ParseObject(root, "$", string.Empty);

    private static PatternNode ParseObject(JsonElement element, string path, string objectPath)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PatternRefused(path, $"must be a JSON object, not {Describe(element)}");
        }

        var fields = new List<FieldCondition>();
        var orGroups = new List<PatternNode[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var fieldPath = Child(path, name);
            if (!seen.Add(name))
            {
                throw new PatternRefused(fieldPath, "the field is given twice");
            }

            if (name == OrKey)
            {
                orGroups.Add(ParseOr(property.Value, fieldPath, objectPath));
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                var (id, key) = FieldPaths.Intern(objectPath, name);
                fields.Add(new FieldCondition(name, id, ParseObject(property.Value, fieldPath, key), null));
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                fields.Add(new FieldCondition(name, FieldPaths.Intern(objectPath, name).Id, null, ParseValues(property.Value, fieldPath)));
            }
            else
            {
                throw new PatternRefused(fieldPath, $"must be an array of values to match or an object of fields, not {Describe(property.Value)} (write [{property.Value.GetRawText()}])");
            }
        }

        if (fields.Count == 0 && orGroups.Count == 0)
        {
            throw new PatternRefused(path, "an empty object is not a pattern: name at least one field to match");
        }

        return new PatternNode([.. fields], [.. orGroups]);
    }

    private static PatternNode[] ParseOr(JsonElement element, string path, string objectPath)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PatternRefused(path, $"$or must be an array of pattern objects, not {Describe(element)}");
        }

        // EventBridge reads "$or" as OR only with two or more objects (else as a field named "$or", which it
        // advises against); an OR of fewer alternatives is refused here rather than read as a field.
        if (element.GetArrayLength() < 2)
        {
            throw new PatternRefused(path, "$or must list at least two pattern objects");
        }

        var alternatives = new List<PatternNode>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            alternatives.Add(ParseObject(item, $"{path}[{i++}]", objectPath));
        }

        return [.. alternatives];
    }

    private static LeafCondition ParseValues(JsonElement array, string path)
    {
        if (array.GetArrayLength() == 0)
        {
            throw new PatternRefused(path, "an empty array matches nothing: list at least one value or operator");
        }

        var matchers = new List<ValueMatcher>();
        bool existsTrue = false, existsFalse = false;
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            switch (item.ValueKind)
            {
                case JsonValueKind.Object:
                    var (matcher, exists) = ParseOperator(item, itemPath);
                    if (matcher is not null)
                    {
                        matchers.Add(matcher);
                    }
                    else if (exists == true)
                    {
                        existsTrue = true;
                    }
                    else
                    {
                        existsFalse = true;
                    }

                    break;
                case JsonValueKind.Array:
                    throw new PatternRefused(itemPath, "a value list cannot hold another array");
                default:
                    matchers.Add(ParseExact(item, itemPath));
                    break;
            }
        }

        return new LeafCondition([.. matchers], existsTrue, existsFalse);
    }

    private static ValueMatcher ParseExact(JsonElement item, string path) => item.ValueKind switch
    {
        JsonValueKind.String => new ExactStringMatcher(item.GetString()!),
        JsonValueKind.Number => new ExactNumberMatcher(FiniteNumber(item, path)),
        _ => new ExactLiteralMatcher(item.ValueKind),
    };

    /// <summary>An operator object: its matcher, or (for <c>exists</c>) null and the boolean.</summary>
    private static (ValueMatcher? Matcher, bool? Exists) ParseOperator(JsonElement item, string path)
    {
        var count = 0;
        JsonProperty op = default;
        foreach (var property in item.EnumerateObject())
        {
            op = property;
            count++;
        }

        if (count != 1)
        {
            throw new PatternRefused(path, count == 0
                ? "an empty object is not an operator: use one of " + string.Join(", ", Operators)
                : "an operator object holds exactly one operator (for AND, name the field twice through $or or nest; for OR, list more entries)");
        }

        var value = op.Value;
        var opPath = Child(path, op.Name);
        switch (op.Name)
        {
            case "prefix":
                return (ParseAffix(value, opPath, "prefix", static (t, ic) => new PrefixMatcher(t, ic)), null);
            case "suffix":
                return (ParseAffix(value, opPath, "suffix", static (t, ic) => new SuffixMatcher(t, ic)), null);
            case "equals-ignore-case":
                return (new EqualsIgnoreCaseMatcher(RequireString(value, opPath, "equals-ignore-case")), null);
            case "anything-but":
                return (ParseAnythingBut(value, opPath), null);
            case "numeric":
                return (ParseNumeric(value, opPath), null);
            case "exists":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? (null, value.ValueKind == JsonValueKind.True)
                    : throw new PatternRefused(opPath, $"exists takes true or false, not {Describe(value)}");
            case "cidr":
                var (cidr, cidrReason) = CidrMatcher.Create(RequireString(value, opPath, "cidr"));
                return (cidr ?? throw new PatternRefused(opPath, cidrReason), null);
            case "wildcard":
                return (Wildcard(RequireString(value, opPath, "wildcard"), opPath), null);
            default:
                throw new PatternRefused(opPath, $"unknown operator '{op.Name}' (EventBridge's are {string.Join(", ", Operators)})");
        }
    }

    /// <summary><c>prefix</c>/<c>suffix</c>: a string, or <c>{"equals-ignore-case": string}</c>.</summary>
    private static ValueMatcher ParseAffix(JsonElement value, string path, string name, Func<string, bool, ValueMatcher> create)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return create(value.GetString()!, false);
        }

        if (value.ValueKind == JsonValueKind.Object && SingleProperty(value) is { Name: "equals-ignore-case" } inner)
        {
            return create(RequireString(inner.Value, Child(path, inner.Name), "equals-ignore-case"), true);
        }

        throw new PatternRefused(path, $"{name} takes a string or {{\"equals-ignore-case\": string}}, not {Describe(value)}");
    }

    /// <summary>
    /// <c>anything-but</c>: a string, a number, a list of only strings or only numbers, or an object with one of
    /// <c>prefix</c>, <c>suffix</c> (a string), <c>equals-ignore-case</c> or <c>wildcard</c> (a string or a list of strings).
    /// </summary>
    private static AnythingButMatcher ParseAnythingBut(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
            case JsonValueKind.Number:
                return new AnythingButMatcher([ParseExact(value, path)]);
            case JsonValueKind.Array:
                if (value.GetArrayLength() == 0)
                {
                    throw new PatternRefused(path, "anything-but needs at least one value");
                }

                var first = value[0].ValueKind;
                var excluded = new List<ValueMatcher>();
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var itemPath = $"{path}[{i++}]";
                    if (item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number) || item.ValueKind != first)
                    {
                        throw new PatternRefused(itemPath, $"an anything-but list holds only strings or only numbers, not {Describe(item)} here");
                    }

                    excluded.Add(ParseExact(item, itemPath));
                }

                return new AnythingButMatcher([.. excluded]);
            case JsonValueKind.Object:
                if (SingleProperty(value) is not { } inner)
                {
                    throw new PatternRefused(path, "an anything-but object holds exactly one of prefix, suffix, equals-ignore-case, wildcard");
                }

                var innerPath = Child(path, inner.Name);
                return new AnythingButMatcher(inner.Name switch
                {
                    "prefix" => [new PrefixMatcher(RequireString(inner.Value, innerPath, "anything-but prefix"), false)],
                    "suffix" => [new SuffixMatcher(RequireString(inner.Value, innerPath, "anything-but suffix"), false)],
                    "equals-ignore-case" => StringsOf(inner.Value, innerPath, "anything-but equals-ignore-case")
                        .Select(t => (ValueMatcher)new EqualsIgnoreCaseMatcher(t)).ToArray(),
                    "wildcard" => StringsOf(inner.Value, innerPath, "anything-but wildcard")
                        .Select(t => (ValueMatcher)Wildcard(t, innerPath)).ToArray(),
                    _ => throw new PatternRefused(innerPath, $"anything-but does not take '{inner.Name}' (only prefix, suffix, equals-ignore-case, wildcard)"),
                });
            default:
                throw new PatternRefused(path, $"anything-but takes a string, a number, a list or an object, not {Describe(value)}");
        }
    }

    /// <summary>
    /// <c>numeric</c>: <c>[op, n]</c> with op one of = &lt; &lt;= &gt; &gt;=, or a range <c>[&gt;|&gt;=, low, &lt;|&lt;=, high]</c>
    /// with low below high; numbers within ±5.0e9.
    /// </summary>
    private static NumericMatcher ParseNumeric(JsonElement value, string path)
    {
        const string Shape = "expected [OP, NUMBER] (OP one of =, <, <=, >, >=) or [>|>=, LOW, <|<=, HIGH]";
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new PatternRefused(path, $"numeric range malformed: {Shape}, not {Describe(value)}");
        }

        var length = value.GetArrayLength();
        if (length is not (2 or 4))
        {
            throw new PatternRefused(path, $"numeric range malformed: {Shape}; it has {length} entries");
        }

        var op1 = Op(value[0], $"{path}[0]");
        var n1 = Bound(value[1], $"{path}[1]");
        if (length == 2)
        {
            return op1 switch
            {
                "=" => new NumericMatcher(n1, true, n1, true),
                "<" => new NumericMatcher(double.NegativeInfinity, false, n1, false),
                "<=" => new NumericMatcher(double.NegativeInfinity, false, n1, true),
                ">" => new NumericMatcher(n1, false, double.PositiveInfinity, false),
                _ => new NumericMatcher(n1, true, double.PositiveInfinity, false),
            };
        }

        if (op1 is not (">" or ">="))
        {
            throw new PatternRefused($"{path}[0]", $"numeric range malformed: a range starts with its lower bound (> or >=), not '{op1}'");
        }

        var op2 = Op(value[2], $"{path}[2]");
        if (op2 is not ("<" or "<="))
        {
            throw new PatternRefused($"{path}[2]", $"numeric range malformed: a range ends with its upper bound (< or <=), not '{op2}'");
        }

        var n2 = Bound(value[3], $"{path}[3]");
        if (n1 > n2 || (n1 == n2 && (op1 == ">" || op2 == "<")))
        {
            throw new PatternRefused(path, $"numeric range malformed: no number is {op1} {Format(n1)} and {op2} {Format(n2)}");
        }

        return new NumericMatcher(n1, op1 == ">=", n2, op2 == "<=");

        static string Op(JsonElement e, string p) =>
            e.ValueKind == JsonValueKind.String && e.GetString() is { } op && op is "=" or "<" or "<=" or ">" or ">="
                ? op
                : throw new PatternRefused(p, $"numeric range malformed: expected an operator (=, <, <=, >, >=), not {Describe(e)}");

        static double Bound(JsonElement e, string p)
        {
            if (e.ValueKind != JsonValueKind.Number)
            {
                throw new PatternRefused(p, $"numeric range malformed: expected a number, not {Describe(e)}");
            }

            var n = FiniteNumber(e, p);
            return Math.Abs(n) <= NumericLimit
                ? n
                : throw new PatternRefused(p, $"numeric range malformed: {e.GetRawText()} is outside EventBridge's -5.0e9 to 5.0e9");
        }
    }

    private static WildcardMatcher Wildcard(string text, string path)
    {
        var (matcher, reason) = WildcardMatcher.Create(text);
        return matcher ?? throw new PatternRefused(path, reason);
    }

    private static string RequireString(JsonElement value, string path, string name) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PatternRefused(path, $"{name} takes a string, not {Describe(value)}");

    private static string[] StringsOf(JsonElement value, string path, string name)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new PatternRefused(path, $"{name} takes a string or a non-empty list of strings, not {Describe(value)}");
        }

        return value.EnumerateArray().Select((item, i) => RequireString(item, $"{path}[{i}]", name)).ToArray();
    }

    private static double FiniteNumber(JsonElement e, string path) =>
        e.TryGetDouble(out var n) && double.IsFinite(n)
            ? n
            : throw new PatternRefused(path, $"{e.GetRawText()} is not a number EventBridge can compare");

    private static JsonProperty? SingleProperty(JsonElement obj)
    {
        JsonProperty? only = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (only is not null)
            {
                return null;
            }

            only = property;
        }

        return only;
    }

    private static string Format(double n) => n.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON path step: <c>.name</c> where that reads unambiguously, else <c>['name']</c>.</summary>
    public static string Child(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$')
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {e.GetRawText()}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        _ => e.GetRawText(),
    };
}
