using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsOnK8s.Translation.Units;

/// <summary>
/// ECS units to Kubernetes quantities. ECS counts CPU in units (1024 per vCPU) and memory in MiB; task-level sizes
/// are strings such as <c>"256"</c>, <c>"1 vCPU"</c>, <c>"0.25 vCPU"</c>, <c>"2 GB"</c> or <c>"512"</c>.
/// </summary>
public static partial class Quantities
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, k8s.Models.ResourceQuantity> Cache = new(StringComparer.Ordinal);

    /// <summary>CPU units per vCPU.</summary>
    public const int UnitsPerVcpu = 1024;

    /// <summary>Millicores for CPU units: units × 1000 / 1024, rounded up so a tiny share never becomes zero.</summary>
    public static long UnitsToMillicores(long units) => ((units * 1000) + UnitsPerVcpu - 1) / UnitsPerVcpu;

    /// <summary>The CPU quantity for ECS CPU units: 512 → "500m", 1024 → "1", 256 → "250m".</summary>
    public static string Cpu(long units) => Millicores(UnitsToMillicores(units));

    /// <summary>A CPU quantity from millicores, whole cores without a suffix.</summary>
    public static string Millicores(long millicores) =>
        millicores % 1000 == 0
            ? (millicores / 1000).ToString(CultureInfo.InvariantCulture)
            : millicores.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>A memory quantity in MiB: 512 → "512Mi", 2048 → "2Gi".</summary>
    public static string MiB(long mib) =>
        mib % 1024 == 0 && mib != 0
            ? (mib / 1024).ToString(CultureInfo.InvariantCulture) + "Gi"
            : mib.ToString(CultureInfo.InvariantCulture) + "Mi";

    /// <summary>A quantity in GiB.</summary>
    public static string GiB(long gib) => gib.ToString(CultureInfo.InvariantCulture) + "Gi";

    /// <summary>
    /// Parses a task-level CPU: a number of units ("256", "1024") or vCPUs ("1 vCPU", "0.25 vcpu"). False for
    /// anything else, and for sizes that are not a whole number of units or not positive.
    /// </summary>
    public static bool TryParseTaskCpu(string? text, out int units)
    {
        if (TryParseWholeNumber(text, out units))
        {
            return units > 0;
        }

        units = 0;
        var match = SizePattern().Match(text ?? string.Empty);
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        var unit = match.Groups["u"].Value.ToUpperInvariant();
        decimal value;
        switch (unit)
        {
            case "":
            case "UNITS":
            case "CPU":
                value = n;
                break;
            case "VCPU":
            case "VCPUS":
                value = n * UnitsPerVcpu;
                break;
            default:
                return false;
        }

        if (value <= 0 || value != decimal.Truncate(value) || value > int.MaxValue)
        {
            return false;
        }

        units = (int)value;
        return true;
    }

    /// <summary>
    /// Parses a task-level memory: MiB ("512", "512 MiB", "512 MB") or GiB ("2 GB", "2GiB", "0.5 GB"). False for
    /// anything else, and for sizes that are not a whole number of MiB or not positive.
    /// </summary>
    public static bool TryParseTaskMemory(string? text, out int mib)
    {
        if (TryParseWholeNumber(text, out mib))
        {
            return mib > 0;
        }

        mib = 0;
        var match = SizePattern().Match(text ?? string.Empty);
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        decimal value;
        switch (match.Groups["u"].Value.ToUpperInvariant())
        {
            case "":
            case "MB":
            case "MIB":
            case "M":
            case "MI":
                value = n;
                break;
            case "GB":
            case "GIB":
            case "G":
            case "GI":
                value = n * 1024;
                break;
            default:
                return false;
        }

        if (value <= 0 || value != decimal.Truncate(value) || value > int.MaxValue)
        {
            return false;
        }

        mib = (int)value;
        return true;
    }

    /// <summary>
    /// The common form of a task size, digits only ("1024"), without the pattern: the number in the size's own
    /// unit. False for anything else (or more than nine digits), which the pattern then decides.
    /// </summary>
    private static bool TryParseWholeNumber(string? text, out int value)
    {
        value = 0;
        if (text is not { Length: > 0 and <= 9 } || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// A <see cref="k8s.Models.ResourceQuantity"/> for a quantity this class formatted. Parsing one is costly (it
    /// goes through exact fractions), and renders repeat the same few sizes, so parsed quantities are shared;
    /// they are never modified after construction.
    /// </summary>
    public static k8s.Models.ResourceQuantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = new k8s.Models.ResourceQuantity(text);
        if (Cache.Count < 4096)
        {
            Cache.TryAdd(text, parsed);
        }

        return parsed;
    }

    /// <summary>True when <paramref name="text"/> parses as a Kubernetes quantity.</summary>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !QuantityPattern().IsMatch(text))
        {
            return false;
        }

        if (Cache.ContainsKey(text))
        {
            return true;
        }

        try
        {
            _ = new k8s.Models.ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(\.[0-9]+)?)\s*(?<u>[A-Za-z]*)\s*$")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+)?$")]
    private static partial Regex QuantityPattern();
}
