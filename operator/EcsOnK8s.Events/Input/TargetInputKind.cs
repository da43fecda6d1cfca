namespace EcsOnK8s.Events.Input;

/// <summary>Which EventBridge input field decides what a target receives.</summary>
public enum TargetInputKind
{
    /// <summary>No input field: the whole matched event.</summary>
    MatchedEvent,

    /// <summary>input: constant JSON.</summary>
    Constant,

    /// <summary>inputPath: the part of the event at a path.</summary>
    Path,

    /// <summary>inputTransformer: variables from the event in a template.</summary>
    Transformer,
}
