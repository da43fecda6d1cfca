namespace EcsOnK8s.Translation.Validation;

/// <summary>Rules on single fields that several object kinds share.</summary>
internal static class FieldRules
{
    /// <summary>The protocols of container and Service ports.</summary>
    internal static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];

    internal static void NonNegative(long? value, string path, string field, List<FieldError> errors)
    {
        if (value < 0)
        {
            errors.Add(new(path + field, $"{value} must not be negative"));
        }
    }

    /// <summary>As <see cref="NonNegative(long?, string, string, List{FieldError})"/> under a sub-field, whose path is built only on error.</summary>
    internal static void NonNegative(long? value, string path, string field, string subField, List<FieldError> errors)
    {
        if (value < 0)
        {
            errors.Add(new(path + field + subField, $"{value} must not be negative"));
        }
    }

    internal static void Positive(long? value, string path, string field, List<FieldError> errors)
    {
        if (value < 1)
        {
            errors.Add(new(path + field, $"{value} must be at least 1"));
        }
    }
}
