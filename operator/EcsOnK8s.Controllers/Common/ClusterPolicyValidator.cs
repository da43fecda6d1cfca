using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Validates an EcsClusterPolicy: namespace names, the namespace selector, the allowed lists and the Pod Security
/// floor. An invalid policy grants nothing (<see cref="PolicyBoundResolver"/>): a typo must not widen a bound.
/// </summary>
public static class ClusterPolicyValidator
{
    /// <summary>Every problem found, each naming its field; empty when the policy is valid.</summary>
    public static IReadOnlyList<string> Validate(EcsClusterPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        var namespaces = spec.Namespaces ?? [];
        for (var i = 0; i < namespaces.Count; i++)
        {
            if (namespaces[i] != "*" && !IsNamespaceName(namespaces[i]))
            {
                errors.Add($"spec.namespaces[{i}]: '{namespaces[i]}' is neither a namespace name (a DNS-1123 label) nor '*'");
            }
        }

        if (spec.NamespaceSelector is { } selector)
        {
            foreach (var (key, value) in selector.MatchLabels ?? [])
            {
                if (!ClusterValidator.IsLabelKey(key) || !ClusterValidator.IsLabelValue(value))
                {
                    errors.Add($"spec.namespaceSelector.matchLabels[{key}]: '{key}: {value}' is not a label key and value");
                }
            }

            var expressions = selector.MatchExpressions ?? [];
            for (var i = 0; i < expressions.Count; i++)
            {
                Requirement(expressions[i], $"spec.namespaceSelector.matchExpressions[{i}]", errors);
            }
        }

        ClusterValidator.ValidatePolicy(spec.Allow, "spec.allow", errors);
        ClusterValidator.ValidatePodSecurity(spec.PodSecurity, errors);

        return errors;
    }

    private static void Requirement(PolicyNamespaceRequirement? requirement, string path, List<string> errors)
    {
        if (requirement is null)
        {
            errors.Add($"{path}: is empty");
            return;
        }

        if (!ClusterValidator.IsLabelKey(requirement.Key))
        {
            errors.Add($"{path}.key: '{requirement.Key}' is not a label key");
        }

        var values = requirement.Values ?? [];
        switch (requirement.Operator)
        {
            case "In" or "NotIn" when values.Count == 0:
                errors.Add($"{path}.values: operator {requirement.Operator} needs at least one value");
                break;
            case "Exists" or "DoesNotExist" when values.Count > 0:
                errors.Add($"{path}.values: operator {requirement.Operator} takes no values");
                break;
            case "In" or "NotIn" or "Exists" or "DoesNotExist":
                break;
            default:
                errors.Add($"{path}.operator: '{requirement.Operator}' is not In, NotIn, Exists or DoesNotExist");
                break;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!ClusterValidator.IsLabelValue(values[i]))
            {
                errors.Add($"{path}.values[{i}]: '{values[i]}' is not a label value");
            }
        }
    }

    private static bool IsNamespaceName(string? name) =>
        name is { Length: > 0 and <= 63 } && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
        && char.IsAsciiLetterLower(name[^1]) | char.IsAsciiDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
