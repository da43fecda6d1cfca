using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>The API server's rules for resource requirements and quantities.</summary>
internal static class ResourceRules
{
    internal static void Resources(V1ResourceRequirements? resources, string path, List<FieldError> errors)
    {
        if (resources is null)
        {
            return;
        }

        Quantities(resources.Requests, path + ".requests", errors);
        Quantities(resources.Limits, path + ".limits", errors);
        foreach (var (name, request) in resources.Requests ?? new Dictionary<string, ResourceQuantity>())
        {
            ResourceQuantity? limit = null;
            var hasLimit = resources.Limits?.TryGetValue(name, out limit) == true;
            decimal parsed = 0;
            if (!TryDecimal(request, out var r) || (hasLimit && !TryDecimal(limit, out parsed)))
            {
                // An unparseable quantity is reported by Quantities already.
                continue;
            }

            decimal? l = hasLimit ? parsed : null;
            if (IsExtended(name))
            {
                if (l is null)
                {
                    errors.Add(new($"{path}.limits[{name}]", "an extended resource needs a limit equal to its request"));
                }
                else if (l != r)
                {
                    errors.Add(new($"{path}.requests[{name}]", $"must equal the limit ({limit}) for an extended resource"));
                }
            }
            else if (l is { } max && r > max)
            {
                errors.Add(new($"{path}.requests[{name}]", $"{request} exceeds the limit {limit}"));
            }
        }
    }

    internal static bool IsExtended(string name) =>
        name.Contains('/', StringComparison.Ordinal) && !name.StartsWith("kubernetes.io/", StringComparison.Ordinal)
        && !name.Contains(".kubernetes.io/", StringComparison.Ordinal) && !name.StartsWith("requests.", StringComparison.Ordinal);

    internal static void Quantities(IDictionary<string, ResourceQuantity>? quantities, string path, List<FieldError> errors)
    {
        foreach (var (name, quantity) in quantities ?? new Dictionary<string, ResourceQuantity>())
        {
            if (!KubeNames.IsQualifiedName(name))
            {
                errors.Add(new($"{path}[{name}]", "is not a valid resource name"));
            }

            if (!Units.Quantities.IsValid(quantity?.ToString()) || !TryDecimal(quantity, out var value))
            {
                errors.Add(new($"{path}[{name}]", $"'{quantity}' is not a valid quantity"));
            }
            else if (value < 0)
            {
                errors.Add(new($"{path}[{name}]", $"'{quantity}' must not be negative"));
            }
            else if (IsExtended(name) && value != decimal.Truncate(value))
            {
                errors.Add(new($"{path}[{name}]", $"'{quantity}' must be a whole number for an extended resource"));
            }
        }
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
