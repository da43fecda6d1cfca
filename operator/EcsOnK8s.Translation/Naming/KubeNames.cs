using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EcsOnK8s.Translation.Naming;

/// <summary>
/// Deterministic Kubernetes names from ECS names. ECS allows uppercase, underscores and 255 characters; Kubernetes
/// wants DNS-1123 labels (63 characters of <c>[a-z0-9-]</c>, alphanumeric at both ends). A name that has to be
/// shortened keeps a prefix and gets an 8-character hash of the whole original, so two long names that share a
/// prefix stay distinct and the same input always gives the same name.
/// </summary>
public static partial class KubeNames
{
    /// <summary>Longest DNS-1123 label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Longest DNS-1123 subdomain.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>Longest IANA service name (container port names).</summary>
    public const int MaxPortNameLength = 15;

    private static readonly SearchValues<char> LabelChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    private static readonly SearchValues<char> QualifiedChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>
    /// A DNS-1123 label from any text: lowercase, every character outside <c>[a-z0-9]</c> becomes <c>-</c>, runs
    /// of <c>-</c> collapse, both ends trimmed; <paramref name="fallback"/> when nothing is left; truncated with a
    /// stable hash suffix when longer than <paramref name="maxLength"/>.
    /// </summary>
    public static string Sanitize(string? name, int maxLength = MaxLabelLength, string fallback = "x")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 10);
        var original = name ?? string.Empty;
        var cleaned = Clean(original, allowDots: false);
        if (cleaned.Length == 0)
        {
            cleaned = Clean(fallback, allowDots: false);
        }

        return Shorten(cleaned, original, maxLength);
    }

    /// <summary>A DNS-1123 subdomain (dots allowed between labels), e.g. for ConfigMap and Secret names.</summary>
    public static string SanitizeSubdomain(string? name, int maxLength = MaxSubdomainLength, string fallback = "x")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 10);
        var original = name ?? string.Empty;
        var cleaned = Clean(original, allowDots: true);
        if (cleaned.Length == 0)
        {
            cleaned = Clean(fallback, allowDots: true);
        }

        return Shorten(cleaned, original, maxLength);
    }

    /// <summary>Joins parts with <c>-</c> and sanitises the result as one label (e.g. owner + volume name).</summary>
    public static string Join(params string?[] parts) =>
        Sanitize(string.Join('-', parts.Where(p => !string.IsNullOrEmpty(p))));

    /// <summary>True when <paramref name="name"/> is a valid DNS-1123 label.</summary>
    public static bool IsDnsLabel(string? name) => name is not null && IsDnsLabel(name.AsSpan());

    /// <summary>True when <paramref name="name"/> is a valid DNS-1123 subdomain.</summary>
    public static bool IsDnsSubdomain(string? name) => name is not null && IsDnsSubdomain(name.AsSpan());

    /// <summary>
    /// A container port name (IANA service name): at most 15 characters of <c>[a-z0-9-]</c>, at least one
    /// letter, no leading, trailing or doubled <c>-</c>. Null when nothing usable is left.
    /// </summary>
    public static string? PortName(string? name)
    {
        var cleaned = Clean(name ?? string.Empty, allowDots: false);
        if (cleaned.Length == 0)
        {
            return null;
        }

        if (cleaned.Length > MaxPortNameLength)
        {
            cleaned = cleaned[..(MaxPortNameLength - 5)].TrimEnd('-') + "-" + Hash(name!)[..4];
        }

        return IsPortName(cleaned) ? cleaned : null;
    }

    /// <summary>True when <paramref name="name"/> is a valid IANA service name (Kubernetes port name).</summary>
    public static bool IsPortName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxPortNameLength && IsLabelBody(name) &&
        !name.Contains("--", StringComparison.Ordinal) && name.AsSpan().IndexOfAnyInRange('a', 'z') >= 0;

    /// <summary>
    /// Name of the Kubernetes Secret that stands for an ECS secret reference (a Secrets Manager ARN, an SSM
    /// parameter ARN or name). See <see cref="Pods.Secrets.SecretReference"/> for the rule.
    /// </summary>
    public static string SecretName(string valueFrom) => Pods.Secrets.SecretReference.Parse(valueFrom).SecretName;

    /// <summary>Name of the ServiceAccount that stands for an IAM role ARN: the role name (path dropped), sanitised.</summary>
    public static string ServiceAccountName(string roleArn)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        var resource = roleArn.Split(':', 6) is { Length: 6 } parts ? parts[5] : roleArn;
        var roleName = resource[(resource.LastIndexOf('/') + 1)..];
        return Sanitize(roleName, fallback: "task-role");
    }

    /// <summary>
    /// A label value: at most 63 characters of <c>[A-Za-z0-9._-]</c>, alphanumeric at both ends, or empty. Case is
    /// kept; other characters become <c>-</c>; too long values keep a prefix and a stable hash.
    /// </summary>
    public static string LabelValue(string? value) => QualifiedPart(value ?? string.Empty, allowEmpty: true, "x");

    /// <summary>The name part of a label or annotation key (same character rules as a value, never empty).</summary>
    public static string KeyName(string? name) => QualifiedPart(name ?? string.Empty, allowEmpty: false, "x");

    /// <summary>True when <paramref name="value"/> is a valid label value.</summary>
    public static bool IsLabelValue(string? value) =>
        value is not null && (value.Length == 0 || (value.Length <= MaxLabelLength && IsQualifiedBody(value)));

    /// <summary>True when <paramref name="key"/> is a valid label or annotation key (<c>[prefix/]name</c>).</summary>
    public static bool IsQualifiedName(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        // Spans, not substrings: the validator checks every label and annotation key of every rendered object.
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key.AsSpan() : key.AsSpan(slash + 1);
        if (slash >= 0 && !IsDnsSubdomain(key.AsSpan(0, slash)))
        {
            return false;
        }

        return name.Length is > 0 and <= MaxLabelLength && IsQualifiedBody(name);
    }

    /// <summary>
    /// True when <paramref name="text"/> is an IP address as the API server parses one: four dotted decimal octets,
    /// or IPv6 (with colons). Stricter than <see cref="System.Net.IPAddress.TryParse(string?, out System.Net.IPAddress?)"/>,
    /// which also takes "1" or "1.2" as IPv4 and would let through what the API server refuses.
    /// </summary>
    public static bool IsIpAddress(string? text)
    {
        if (string.IsNullOrEmpty(text) || !System.Net.IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal);
        }

        var octets = text.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit) && int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>True when <paramref name="domain"/> is a DNS search domain the API server accepts: a DNS-1123 subdomain, with an optional trailing dot.</summary>
    public static bool IsDnsSearchDomain(string? domain) =>
        !string.IsNullOrEmpty(domain) && IsDnsSubdomain(domain.EndsWith('.') ? domain[..^1] : domain);

    /// <summary>True when <paramref name="name"/> is a sysctl name as the API server accepts one (e.g. <c>net.core.somaxconn</c>, <c>kernel/shm_rmid_forced</c>).</summary>
    public static bool IsSysctlName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxSubdomainLength && SysctlPattern().IsMatch(name);

    /// <summary>True when <paramref name="name"/> is an environment variable name Kubernetes 1.<paramref name="minor"/> accepts.</summary>
    public static bool IsEnvVarName(string? name, int minor) =>
        !string.IsNullOrEmpty(name) && (minor < 30
            ? StrictEnvVarPattern().IsMatch(name)
            : !name.Contains('=', StringComparison.Ordinal) && !name.AsSpan().ContainsAnyExceptInRange(' ', '~'));

    /// <summary>True when <paramref name="name"/> is a DNS-1035 label (a Service name: a DNS-1123 label that starts with a letter).</summary>
    public static bool IsDns1035Label(string? name) => IsDnsLabel(name) && char.IsAsciiLetterLower(name![0]);

    /// <summary>First 8 hex characters of the SHA-256 of <paramref name="text"/> (UTF-8): short, stable, collision-shy.</summary>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..4]);
    }

    private static string Shorten(string cleaned, string original, int maxLength)
    {
        if (cleaned.Length <= maxLength)
        {
            return cleaned;
        }

        var prefix = cleaned[..(maxLength - 9)].TrimEnd('-', '.');
        return prefix + "-" + Hash(original);
    }

    private static string Clean(string text, bool allowDots)
    {
        // Most names are valid already: keep them without building a copy.
        if (IsClean(text, allowDots))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
            else if (allowDots && c == '.')
            {
                // A dot may not follow a dash or another dot, nor start the name.
                while (sb.Length > 0 && sb[^1] == '-')
                {
                    sb.Length--;
                }

                if (sb.Length > 0 && sb[^1] != '.')
                {
                    sb.Append('.');
                }
            }
            else if (sb.Length > 0 && sb[^1] != '-' && sb[^1] != '.')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-', '.');
    }

    /// <summary>
    /// True when <see cref="Clean"/> would return <paramref name="text"/> unchanged: lowercase alphanumerics,
    /// separators (<c>-</c>, and <c>.</c> when allowed) only after an alphanumeric, alphanumeric at both ends.
    /// </summary>
    private static bool IsClean(string text, bool allowDots)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (!IsAlphanumericLower(text[0]) || !IsAlphanumericLower(text[^1]))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsAlphanumericLower(c) && !((c == '-' || (allowDots && c == '.')) && IsAlphanumericLower(text[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    private static string QualifiedPart(string original, bool allowEmpty, string fallback)
    {
        // A valid part (the usual case) comes back as it is.
        if (original.Length is > 0 and <= MaxLabelLength && IsQualifiedBody(original))
        {
            return original;
        }

        var sb = new StringBuilder(original.Length);
        foreach (var c in original)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var cleaned = sb.ToString().Trim('-', '_', '.');
        if (cleaned.Length == 0)
        {
            return allowEmpty ? string.Empty : fallback;
        }

        if (cleaned.Length <= MaxLabelLength)
        {
            return cleaned;
        }

        return cleaned[..(MaxLabelLength - 9)].TrimEnd('-', '_', '.') + "-" + Hash(original);
    }

    private static bool IsDnsLabel(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxLabelLength && IsLabelBody(name);

    private static bool IsDnsSubdomain(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxSubdomainLength)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (!IsDnsLabel(name[label]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsQualifiedBody(ReadOnlySpan<char> name) =>
        char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]) &&
        !name.ContainsAnyExcept(QualifiedChars);

    private static bool IsLabelBody(ReadOnlySpan<char> name) =>
        IsAlphanumericLower(name[0]) && IsAlphanumericLower(name[^1]) &&
        !name.ContainsAnyExcept(LabelChars);

    private static bool IsAlphanumericLower(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    [GeneratedRegex(@"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SysctlPattern();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StrictEnvVarPattern();
}
