using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Events.Input;

/// <summary>
/// What a target receives, compiled from its EventBridge input fields (at most one of them): <c>input</c> (constant
/// JSON), <c>inputPath</c> (a part of the event), <c>inputTransformer</c>, or none (the whole event).
/// </summary>
public sealed class TargetInput
{
    private readonly JsonNode? _constant;
    private readonly InputPath? _path;
    private readonly InputTransformation? _transformation;

    private TargetInput(TargetInputKind kind, JsonNode? constant, InputPath? path, InputTransformation? transformation)
    {
        Kind = kind;
        _constant = constant;
        _path = path;
        _transformation = transformation;
    }

    public TargetInputKind Kind { get; }

    /// <summary>The whole event, as EventBridge passes it when a target sets no input field.</summary>
    public static TargetInput MatchedEvent { get; } = new(TargetInputKind.MatchedEvent, null, null, null);

    /// <summary>
    /// Compiles a target's input fields; <paramref name="path"/> is the JSON path of the object holding them
    /// (spec.targets[0].ecsTask). Null, with every error added to <paramref name="errors"/>, when they are invalid.
    /// </summary>
    public static TargetInput? Compile(
        string? input, string? inputPath, InputTransformer? inputTransformer, string path, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var set = new List<string>();
        if (input is not null)
        {
            set.Add("input");
        }

        if (inputPath is not null)
        {
            set.Add("inputPath");
        }

        if (inputTransformer is not null)
        {
            set.Add("inputTransformer");
        }

        if (set.Count > 1)
        {
            errors.Add(new InputError(path, $"{string.Join(" and ", set)} are set; at most one of input, inputPath and inputTransformer may be"));
            return null;
        }

        if (input is not null)
        {
            try
            {
                return new TargetInput(TargetInputKind.Constant, JsonNode.Parse(input, documentOptions: TargetPayload.ReadOptions), null, null);
            }
            catch (JsonException e)
            {
                errors.Add(new InputError(path + ".input", $"is not valid JSON ({e.Message})"));
                return null;
            }
        }

        if (inputPath is not null)
        {
            if (!InputPath.TryParse(inputPath, out var parsed, out var error))
            {
                errors.Add(new InputError(path + ".inputPath", error));
                return null;
            }

            return new TargetInput(TargetInputKind.Path, null, parsed, null);
        }

        if (inputTransformer is not null)
        {
            var transformation = InputTransformation.Compile(
                inputTransformer.InputPathsMap, inputTransformer.InputTemplate, path + ".inputTransformer", errors);
            return transformation is null ? null : new TargetInput(TargetInputKind.Transformer, null, null, transformation);
        }

        return MatchedEvent;
    }

    /// <summary>The payload for one event (as JSON, in EventBridge's envelope). A path that selects nothing gives JSON null.</summary>
    public TargetPayload Render(JsonNode? eventJson, InputContext context) => Kind switch
    {
        TargetInputKind.Constant => TargetPayload.FromJson(_constant?.DeepClone()),
        TargetInputKind.Path => TargetPayload.FromJson(_path!.TryEvaluate(eventJson, out var value) ? value?.DeepClone() : null),
        TargetInputKind.Transformer => _transformation!.Render(eventJson, context),
        _ => TargetPayload.FromJson(eventJson?.DeepClone()),
    };
}
