namespace EcsOnK8s.Translation.Report;

/// <summary>
/// The one helper for "if the field is set, report it" (and copy it: each returns the value it was given). The
/// overloads that take a prefix and a member build the path only when the field is set, so an unset field costs no
/// string; the struct and class overloads spare boxing a nullable value.
/// </summary>
internal static class SetFieldReporting
{
    public static T? AddIfSet<T>(this TranslationReport report, T? value, string path, Disposition disposition, string reason = "")
        where T : class
    {
        if (value is not null)
        {
            report.Add(path, disposition, reason);
        }

        return value;
    }

    public static T? AddIfSet<T>(this TranslationReport report, T? value, string path, Disposition disposition, string reason = "")
        where T : struct
    {
        if (value is not null)
        {
            report.Add(path, disposition, reason);
        }

        return value;
    }

    public static T? AddIfSet<T>(this TranslationReport report, T? value, string prefix, string member, Disposition disposition, string reason = "")
        where T : class
    {
        if (value is not null)
        {
            report.Add(prefix + member, disposition, reason);
        }

        return value;
    }

    public static T? AddIfSet<T>(this TranslationReport report, T? value, string prefix, string member, Disposition disposition, string reason = "")
        where T : struct
    {
        if (value is not null)
        {
            report.Add(prefix + member, disposition, reason);
        }

        return value;
    }
}
