using System.Globalization;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// What a service, task or schedule names as its task definition: <c>family</c> (the latest ACTIVE revision),
/// <c>family:revision</c>, or an ARN whose last segment is <c>family:revision</c>.
/// </summary>
public sealed record TaskDefinitionReference(string Family, int? Revision)
{
    public override string ToString() => Revision is null ? Family : $"{Family}:{Revision}";

    /// <summary>
    /// Parses a reference; returns null and a reason when it is malformed. The reason follows the name of the field
    /// that holds the reference ("spec.taskDefinition is required").
    /// </summary>
    public static TaskDefinitionReference? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is required";
            return null;
        }

        var value = text.Trim();
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var slash = value.LastIndexOf('/');
            if (slash < 0 || !value.Contains(":task-definition/", StringComparison.Ordinal))
            {
                error = $"'{text}' is not a task definition ARN (arn:aws:ecs:region:account:task-definition/family:revision)";
                return null;
            }

            value = value[(slash + 1)..];
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var family = colon < 0 ? value : value[..colon];
        if (!IsValidFamily(family))
        {
            error = $"'{text}': family '{family}' must be 1-255 letters, digits, '-' or '_'";
            return null;
        }

        if (colon < 0)
        {
            return new TaskDefinitionReference(family, null);
        }

        var revisionText = value[(colon + 1)..];
        if (!int.TryParse(revisionText, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) || revision < 1)
        {
            error = $"'{text}': revision '{revisionText}' must be a positive integer";
            return null;
        }

        return new TaskDefinitionReference(family, revision);
    }

    private static bool IsValidFamily(string family) =>
        family.Length is > 0 and <= 255 && family.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
