using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class RuntimePlatform
{
    /// <summary>The CPU architecture the task needs: X86_64 or ARM64.</summary>
    [EnumValues("X86_64", "ARM64")]
    public string? CpuArchitecture { get; set; }

    /// <summary>The operating system the task needs: LINUX or a WINDOWS_SERVER_* family.</summary>
    [EnumValues("LINUX", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2016_FULL",
        "WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL",
        "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_20H2_CORE")]
    public string? OperatingSystemFamily { get; set; }
}
