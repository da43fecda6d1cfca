namespace EcsOnK8s.Cli.Commands;

/// <summary>The parsed arguments of <c>ecsonk8s convert</c>.</summary>
public sealed record ConvertOptions
{
    /// <summary>Task definition file, or "-" for standard input.</summary>
    public required string TaskDefinition { get; init; }

    public string? Service { get; init; }

    public string? ServiceName { get; init; }

    public IReadOnlyList<string> Scaling { get; init; } = [];

    public string? RunTask { get; init; }

    public string? Schedule { get; init; }

    public string? Cluster { get; init; }

    /// <summary>The family of a task definition given as a bare containerDefinitions array.</summary>
    public string? Family { get; init; }

    public string KubernetesVersion { get; init; } = "1.30";

    /// <summary>The integrations installed on the target cluster (<c>--capabilities</c>), by name.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public string Namespace { get; init; } = "default";

    /// <summary>manifests (rendered Kubernetes objects) or crds (EcsOnK8s custom resources).</summary>
    public string To { get; init; } = "manifests";

    /// <summary>table (what is not plainly Mapped, and the summary), full (every entry) or json (every entry).</summary>
    public string Report { get; init; } = "table";

    /// <summary>Output file; standard output when null.</summary>
    public string? Output { get; init; }
}
