namespace EcsOnK8s.Translation.Pods.Resources;

/// <summary>The task sizes Fargate accepts: CPU units → the memory sizes (MiB) allowed with it.</summary>
internal static class FargateSizes
{
    public static bool IsValid(int cpuUnits, int memoryMiB) => cpuUnits switch
    {
        256 => memoryMiB is 512 or 1024 or 2048,
        512 => Step(memoryMiB, 1024, 4096, 1024),
        1024 => Step(memoryMiB, 2048, 8192, 1024),
        2048 => Step(memoryMiB, 4096, 16384, 1024),
        4096 => Step(memoryMiB, 8192, 30720, 1024),
        8192 => Step(memoryMiB, 16384, 61440, 4096),
        16384 => Step(memoryMiB, 32768, 122880, 8192),
        _ => false,
    };

    public const string CpuSizes = "Fargate CPU sizes are 256, 512, 1024, 2048, 4096, 8192 or 16384 units";

    public static bool IsCpuSize(int cpuUnits) => cpuUnits is 256 or 512 or 1024 or 2048 or 4096 or 8192 or 16384;

    /// <summary>The memory sizes Fargate takes with <paramref name="cpuUnits"/> (a CPU size: see <see cref="IsCpuSize"/>).</summary>
    public static string Describe(int cpuUnits) => cpuUnits switch
    {
        256 => "512, 1024 or 2048 MiB",
        512 => "1024 to 4096 MiB in steps of 1024",
        1024 => "2048 to 8192 MiB in steps of 1024",
        2048 => "4096 to 16384 MiB in steps of 1024",
        4096 => "8192 to 30720 MiB in steps of 1024",
        8192 => "16384 to 61440 MiB in steps of 4096",
        16384 => "32768 to 122880 MiB in steps of 8192",
        _ => CpuSizes,
    };

    private static bool Step(int value, int min, int max, int step) => value >= min && value <= max && (value - min) % step == 0;
}
