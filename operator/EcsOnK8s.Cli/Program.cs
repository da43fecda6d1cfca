using EcsOnK8s.Cli.Commands;

namespace EcsOnK8s.Cli;

/// <summary>The <c>ecsonk8s</c> command line: offline conversion, schedule previews, event pattern tests and CRD generation.</summary>
public static class Program
{
    public const int ExitOk = 0;
    public const int ExitRejected = 1;
    public const int ExitUsage = 2;

    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CliRoot.Run(args, CliIo.System);
    }
}
