using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Null-safe reads of labels and annotations.</summary>
public static class MetadataExtensions
{
    public static string? Annotation(this V1ObjectMeta? metadata, string key) =>
        metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public static string? Label(this V1ObjectMeta? metadata, string key) =>
        metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;
}
