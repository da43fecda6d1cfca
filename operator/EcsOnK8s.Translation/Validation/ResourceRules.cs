using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>The API server's rules for resource requirements and quantities.</summary>
internal static class ResourceRules
{
    internal static void Resources(V1ResourceRequirements? resources, string containerPath, List<FieldError> errors)
    {
        if (resources is null)
        {
            return;
        }

        Quantities(resources.Limits, containerPath, ".resources.limits", errors);
        if (resources.Requests is null)
        {
            return;
        }

        // Each request is parsed once, for its own checks and against its limit.
        foreach (var (name, request) in resources.Requests)
        {
            ResourceQuantity? limit = null;
            var hasLimit = resources.Limits?.TryGetValue(name, out limit) == true;
            decimal parsed = 0;
            if (Quantity(name, request, containerPath, ".resources.requests", errors) is not { } r || (hasLimit && !TryDecimal(limit, out parsed)))
            {
                // An unparseable quantity is reported already.
                continue;
            }

            decimal? l = hasLimit ? parsed : null;
            if (IsExtended(name))
            {
                if (l is null)
                {
                    errors.Add(new($"{containerPath}.resources.limits[{name}]", "an extended resource needs a limit equal to its request"));
                }
                else if (l != r)
                {
                    errors.Add(new($"{containerPath}.resources.requests[{name}]", $"must equal the limit ({limit}) for an extended resource"));
                }
            }
            else if (l is { } max && r > max)
            {
                errors.Add(new($"{containerPath}.resources.requests[{name}]", $"{request} exceeds the limit {limit}"));
            }
        }
    }

    internal static bool IsExtended(string name) =>
        name.Contains('/', StringComparison.Ordinal) && !name.StartsWith("kubernetes.io/", StringComparison.Ordinal)
        && !name.Contains(".kubernetes.io/", StringComparison.Ordinal) && !name.StartsWith("requests.", StringComparison.Ordinal);

    internal static void Quantities(IDictionary<string, ResourceQuantity>? quantities, string path, string field, List<FieldError> errors)
    {
        if (quantities is null)
        {
            return;
        }

        foreach (var (name, quantity) in quantities)
        {
            Quantity(name, quantity, path, field, errors);
        }
    }

    /// <summary>Checks one named quantity; its value, or null when it is refused.</summary>
    private static decimal? Quantity(string name, ResourceQuantity quantity, string path, string field, List<FieldError> errors)
    {
        if (!KubeNames.IsQualifiedName(name))
        {
            errors.Add(new($"{path}{field}[{name}]", "is not a valid resource name"));
        }

        // A ResourceQuantity exists only once its text parsed, and is written in canonical form, so its value is
        // the check: its ToString (the canonical form, about 3 µs a call) would double the time of a whole render.
        if (!TryDecimal(quantity, out var value))
        {
            errors.Add(new($"{path}{field}[{name}]", $"'{quantity}' is not a valid quantity"));
            return null;
        }

        if (value < 0)
        {
            errors.Add(new($"{path}{field}[{name}]", $"'{quantity}' must not be negative"));
            return null;
        }

        if (IsExtended(name) && value != decimal.Truncate(value))
        {
            errors.Add(new($"{path}{field}[{name}]", $"'{quantity}' must be a whole number for an extended resource"));
            return null;
        }

        return value;
    }

    internal static bool TryDecimal(ResourceQuantity? quantity, out decimal value)
    {
        value = 0;
        if (quantity is null)
        {
            return false;
        }

        try
        {
            value = quantity.ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }
}
