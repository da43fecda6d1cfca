using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>The API server's rules for object metadata (names, labels, annotations) and workload selectors.</summary>
internal static class MetadataRules
{
    internal static void ObjectMeta(V1ObjectMeta? metadata, string path, Func<string, bool>? nameRule, List<FieldError> errors)
    {
        if (metadata is null)
        {
            if (nameRule is not null)
            {
                errors.Add(new(path + ".name", "is required"));
            }

            return;
        }

        if (nameRule is not null && !nameRule(metadata.Name ?? string.Empty))
        {
            errors.Add(new(path + ".name", $"'{metadata.Name}' is not a valid name for this kind of object"));
        }

        Labels(metadata.Labels, path, ".labels", errors);
        long size = 0;
        foreach (var (key, value) in metadata.Annotations ?? new Dictionary<string, string>())
        {
            // The API server checks the lower-cased key; lower-casing only when needed spares a string per annotation.
            if (!KubeNames.IsQualifiedName(key.AsSpan().ContainsAnyInRange('A', 'Z') ? key.ToLowerInvariant() : key))
            {
                errors.Add(new($"{path}.annotations[{key}]", "is not a valid annotation key"));
            }

            size += key.Length + (value?.Length ?? 0);
        }

        if (size > KubernetesValidator.MaxAnnotationsBytes)
        {
            errors.Add(new(path + ".annotations", $"total size {size} exceeds {KubernetesValidator.MaxAnnotationsBytes} bytes"));
        }
    }

    internal static void Labels(IDictionary<string, string>? labels, string path, string field, List<FieldError> errors)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            if (!KubeNames.IsQualifiedName(key))
            {
                errors.Add(new($"{path}{field}[{key}]", "is not a valid label key"));
            }

            if (!KubeNames.IsLabelValue(value))
            {
                errors.Add(new($"{path}{field}[{key}]", $"'{value}' is not a valid label value (at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends)"));
            }
        }
    }

    internal static void Selector(V1LabelSelector? selector, V1PodTemplateSpec? template, string path, List<FieldError> errors)
    {
        if (selector?.MatchLabels is not { Count: > 0 } match)
        {
            errors.Add(new(path + ".selector", "is required"));
            return;
        }

        Labels(match, path, ".selector.matchLabels", errors);
        var labels = template?.Metadata?.Labels;
        if (match.Any(p => labels is null || !labels.TryGetValue(p.Key, out var v) || v != p.Value))
        {
            errors.Add(new(path + ".template.metadata.labels", "do not match the selector"));
        }
    }
}
