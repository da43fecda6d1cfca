using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// Where the suite's figures go: the test output, and one line each in the file <c>ECSONK8S_RELIABILITY_REPORT</c>
/// names (<c>make reliability</c> prints it at the end).
/// </summary>
internal static class ReliabilityReport
{
    private static readonly Lock FileLock = new();

    public static void Write(ITestOutputHelper output, string line)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(line);
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ECSONK8S_RELIABILITY_REPORT") is { Length: > 0 } path)
        {
            lock (FileLock)
            {
                File.AppendAllText(path, $"{DateTimeOffset.UtcNow:HH:mm:ss} {line}{Environment.NewLine}");
            }
        }
    }
}
