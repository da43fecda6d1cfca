using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsOnK8s.Events.Input;

/// <summary>
/// EventBridge's input transformer, compiled: variables taken from the event by <see cref="InputPath"/>s
/// (inputPathsMap, up to 100) and a template with <c>&lt;name&gt;</c> placeholders (inputTemplate, up to 8,192
/// characters).
/// <para>
/// A template that starts with <c>{</c>, <c>[</c> or <c>"</c> is JSON: a placeholder outside a JSON string becomes
/// the value as JSON (a string quoted, an object as is, a missing value <c>null</c>); inside a JSON string it
/// becomes the value's text, escaped for the string (a string without its quotes, anything else as JSON text, a
/// missing value nothing). A placeholder may not be an object key. Any other template is text: each placeholder
/// becomes the value's text, unescaped.
/// </para>
/// <para>
/// Predefined variables: <c>aws.events.rule-name</c>, <c>aws.events.rule-arn</c>,
/// <c>aws.events.event.ingestion-time</c> (strings), <c>aws.events.event</c> (the event without its detail) and
/// <c>aws.events.event.json</c> (the whole event); the last two only as JSON values (outside strings), as
/// EventBridge requires. A placeholder naming no variable is refused (a typo would otherwise pass unnoticed).
/// </para>
/// </summary>
public sealed partial class InputTransformation
{
    public const int MaxVariables = 100;
    public const int MaxTemplateLength = 8192;
    public const string RuleNameVariable = "aws.events.rule-name";
    public const string RuleArnVariable = "aws.events.rule-arn";
    public const string IngestionTimeVariable = "aws.events.event.ingestion-time";
    public const string EventVariable = "aws.events.event";
    public const string EventJsonVariable = "aws.events.event.json";

    private const char KeyMarker = '\uE000';

    private static readonly HashSet<string> _predefined =
        [RuleNameVariable, RuleArnVariable, IngestionTimeVariable, EventVariable, EventJsonVariable];

    private readonly IReadOnlyDictionary<string, InputPath> _variables;
    private readonly IReadOnlyList<Segment> _segments;

    private InputTransformation(IReadOnlyDictionary<string, InputPath> variables, IReadOnlyList<Segment> segments, bool isJson)
    {
        _variables = variables;
        _segments = segments;
        IsJson = isJson;
    }

    /// <summary>Whether the template is JSON (its output is JSON) rather than text.</summary>
    public bool IsJson { get; }

    /// <summary>
    /// Compiles a transformer; <paramref name="path"/> is the JSON path of the inputTransformer field, for the errors.
    /// Null, with every error added to <paramref name="errors"/>, when it is invalid.
    /// </summary>
    public static InputTransformation? Compile(
        IReadOnlyDictionary<string, string>? inputPathsMap, string? inputTemplate, string path, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var variables = CompileVariables(inputPathsMap, path + ".inputPathsMap", errors);
        if (string.IsNullOrEmpty(inputTemplate))
        {
            errors.Add(new InputError(path + ".inputTemplate", "is required"));
            return null;
        }

        var templatePath = path + ".inputTemplate";
        if (inputTemplate.Length > MaxTemplateLength)
        {
            errors.Add(new InputError(templatePath, $"is {inputTemplate.Length} characters long; at most {MaxTemplateLength} are allowed"));
            return null;
        }

        var isJson = inputTemplate.TrimStart() is { Length: > 0 } trimmed && trimmed[0] is '{' or '[' or '"';
        var segments = Tokenize(inputTemplate, isJson);
        foreach (var placeholder in segments.Where(s => s.Variable is not null))
        {
            var name = placeholder.Variable!;
            if (!variables.ContainsKey(name) && !_predefined.Contains(name))
            {
                errors.Add(new InputError(templatePath, $"<{name}> is neither in inputPathsMap nor a predefined variable"));
            }
            else if (placeholder.InString && name is EventVariable or EventJsonVariable)
            {
                errors.Add(new InputError(templatePath, $"<{name}> is inside a JSON string; it can only be a JSON value"));
            }
        }

        if (isJson && errors.Count == before)
        {
            CheckJsonShape(segments, templatePath, errors);
        }

        return errors.Count == before ? new InputTransformation(variables, segments, isJson) : null;
    }

    /// <summary>The payload for one event (the event in EventBridge's envelope, as JSON).</summary>
    public TargetPayload Render(JsonNode? eventJson, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment.Variable is null)
            {
                text.Append(segment.Literal);
                continue;
            }

            var found = TryResolve(segment.Variable, eventJson, context, out var value);
            if (!IsJson)
            {
                text.Append(found ? TextOf(value) : string.Empty);
            }
            else if (segment.InString)
            {
                text.Append(EscapeForString(found ? TextOf(value) : string.Empty));
            }
            else
            {
                text.Append(found && value is not null ? value.ToJsonString(TargetPayload.WriteOptions) : "null");
            }
        }

        var output = text.ToString();
        return IsJson ? TargetPayload.FromJson(JsonNode.Parse(output)) : TargetPayload.FromText(output);
    }

    private static Dictionary<string, InputPath> CompileVariables(
        IReadOnlyDictionary<string, string>? map, string path, ICollection<InputError> errors)
    {
        var variables = new Dictionary<string, InputPath>(StringComparer.Ordinal);
        if (map is null)
        {
            return variables;
        }

        if (map.Count > MaxVariables)
        {
            errors.Add(new InputError(path, $"has {map.Count} variables; at most {MaxVariables} are allowed"));
        }

        foreach (var (name, pathText) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var entryPath = $"{path}.{name}";
            if (!VariableName().IsMatch(name))
            {
                // No dot either, so the predefined aws.* names can never be redefined.
                errors.Add(new InputError(entryPath, "a variable name is 1 to 256 letters, digits, '_' or '-'"));
            }
            else if (!InputPath.TryParse(pathText, out var inputPath, out var error))
            {
                errors.Add(new InputError(entryPath, error));
            }
            else
            {
                variables[name] = inputPath;
            }
        }

        return variables;
    }

    private static List<Segment> Tokenize(string template, bool isJson)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '<')
            {
                var close = template.IndexOf('>', i + 1);
                var name = close > i ? template[(i + 1)..close] : null;
                if (name is not null && PlaceholderName().IsMatch(name))
                {
                    if (literal.Length > 0)
                    {
                        segments.Add(new Segment(literal.ToString(), null, false));
                        literal.Clear();
                    }

                    segments.Add(new Segment(null, name, inString));
                    i = close;
                    continue;
                }
            }

            literal.Append(c);
            if (!isJson)
            {
                continue;
            }

            if (inString && c == '\\' && i + 1 < template.Length)
            {
                literal.Append(template[++i]);
            }
            else if (c == '"')
            {
                inString = !inString;
            }
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), null, false));
        }

        return segments;
    }

    /// <summary>
    /// Fills the placeholders with stand-ins (null outside strings, a marker inside) and parses the result: the
    /// template must be JSON whatever the values, and no placeholder may stand in an object key.
    /// </summary>
    private static void CheckJsonShape(IReadOnlyList<Segment> segments, string path, ICollection<InputError> errors)
    {
        var text = string.Concat(segments.Select(s => s.Variable is null ? s.Literal : s.InString ? KeyMarker.ToString() : "null"));
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text, documentOptions: TargetPayload.ReadOptions);
        }
        catch (JsonException e)
        {
            errors.Add(new InputError(path, $"is not valid JSON with its placeholders filled in ({e.Message})"));
            return;
        }

        if (KeyWithMarker(parsed) is { } key)
        {
            errors.Add(new InputError(path, $"a placeholder is used in the object key \"{key.Replace(KeyMarker.ToString(), "<…>", StringComparison.Ordinal)}\"; placeholders can only be values"));
        }
    }

    private static string? KeyWithMarker(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key.Contains(KeyMarker, StringComparison.Ordinal))
                    {
                        return key;
                    }

                    if (KeyWithMarker(value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonArray array:
                return array.Select(KeyWithMarker).FirstOrDefault(k => k is not null);
            default:
                return null;
        }
    }

    private bool TryResolve(string name, JsonNode? eventJson, InputContext context, out JsonNode? value)
    {
        switch (name)
        {
            case RuleNameVariable:
                value = context.RuleName;
                return true;
            case RuleArnVariable:
                value = context.RuleArn;
                return true;
            case IngestionTimeVariable:
                value = Ecs.AwsEvent.FormatTime(context.IngestionTime);
                return true;
            case EventJsonVariable:
                value = eventJson?.DeepClone();
                return true;
            case EventVariable:
                var withoutDetail = eventJson?.DeepClone();
                (withoutDetail as JsonObject)?.Remove("detail");
                value = withoutDetail;
                return true;
            default:
                return _variables[name].TryEvaluate(eventJson, out value);
        }
    }

    /// <summary>A value as text: a string as itself, anything else as its JSON.</summary>
    private static string TextOf(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : value?.ToJsonString(TargetPayload.WriteOptions) ?? "null";

    private static string EscapeForString(string text)
    {
        var quoted = JsonValue.Create(text).ToJsonString(TargetPayload.WriteOptions);
        return quoted[1..^1];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,256}$")]
    private static partial Regex PlaceholderName();

    /// <summary>Template text, or a placeholder and whether it stands inside a JSON string.</summary>
    private sealed record Segment(string? Literal, string? Variable, bool InString);
}
