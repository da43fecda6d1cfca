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
        if (metadata.Annotations is not { Count: > 0 } annotations)
        {
            return;
        }

        long size = 0;
        if (annotations is Dictionary<string, string> dictionary)
        {
            // The concrete type's enumerator is a struct: no allocation per object.
            foreach (var (key, value) in dictionary)
            {
                size += Annotation(key, value, path, errors);
            }
        }
        else
        {
            foreach (var (key, value) in annotations)
            {
                size += Annotation(key, value, path, errors);
            }
        }

        if (size > KubernetesValidator.MaxAnnotationsBytes)
        {
            errors.Add(new(path + ".annotations", $"total size {size} exceeds {KubernetesValidator.MaxAnnotationsBytes} bytes"));
        }
    }

    internal static void Labels(IDictionary<string, string>? labels, string path, string field, List<FieldError> errors)
    {
        if (labels is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                Label(key, value, path, field, errors);
            }
        }
        else if (labels is not null)
        {
            foreach (var (key, value) in labels)
            {
                Label(key, value, path, field, errors);
            }
        }
    }

    /// <summary>Checks one annotation; its size, as the API server counts it.</summary>
    private static long Annotation(string key, string? value, string path, List<FieldError> errors)
    {
        // The API server checks the lower-cased key; lower-casing only when needed spares a string per annotation.
        if (!KubeNames.IsQualifiedName(key.AsSpan().ContainsAnyInRange('A', 'Z') ? key.ToLowerInvariant() : key))
        {
            errors.Add(new($"{path}.annotations[{key}]", "is not a valid annotation key"));
        }

        return key.Length + (value?.Length ?? 0);
    }

    private static void Label(string key, string value, string path, string field, List<FieldError> errors)
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

    internal static void Selector(V1LabelSelector? selector, V1PodTemplateSpec? template, string path, List<FieldError> errors)
    {
        if (selector?.MatchLabels is not { Count: > 0 } match)
        {
            errors.Add(new(path + ".selector", "is required"));
            return;
        }

        Labels(match, path, ".selector.matchLabels", errors);
        var labels = template?.Metadata?.Labels;
        foreach (var (key, value) in match)
        {
            if (labels is null || !labels.TryGetValue(key, out var v) || v != value)
            {
                errors.Add(new(path + ".template.metadata.labels", "do not match the selector"));
                return;
            }
        }
    }
}
