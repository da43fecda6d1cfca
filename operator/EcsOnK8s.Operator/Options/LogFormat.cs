namespace EcsOnK8s.Operator.Options;

/// <summary>How log events are written to standard output.</summary>
public enum LogFormat
{
    /// <summary>JSON inside a cluster (KUBERNETES_SERVICE_HOST set), text elsewhere.</summary>
    Auto,

    /// <summary>Compact JSON (CLEF), one event per line, for log collectors.</summary>
    Json,

    /// <summary>Readable single-line text for a terminal.</summary>
    Text,
}
