using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>One ECS task as the API lists it: an EcsTask's (or a schedule's) Job with its pod, or a service's pod.</summary>
internal sealed record EcsTaskEntry(
    string Uid,
    string Cluster,
    TaskInstanceStatus Status,
    string? TaskDefinition,
    string Group,
    string? StartedBy,
    string? ServiceName,
    IReadOnlyList<Tag>? Tags,
    k8s.Models.V1Job? Job,
    k8s.Models.V1Pod? Pod)
{
    public string Family => TaskDefinition is { } td && td.LastIndexOf(':') is var colon and > 0 ? td[..colon] : TaskDefinition ?? string.Empty;
}
