using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>EventBridge's InputTransformer: named values taken from the event, and a template that uses them.</summary>
public sealed class InputTransformer
{
    /// <summary>Up to 100 variables, each a JSONPath into the event ($.detail.key); names may not start with "aws.".</summary>
    [SchemaItems(0, 100)]
    public Dictionary<string, string>? InputPathsMap { get; set; }

    /// <summary>
    /// The output with &lt;name&gt; placeholders: JSON (values placed as JSON, or as text inside quotes) or plain text.
    /// &lt;aws.events.event.json&gt;, &lt;aws.events.rule-name&gt; and the other predefined variables also work.
    /// </summary>
    [SchemaRequired]
    public string? InputTemplate { get; set; }
}
