namespace EcsOnK8s.Cli.Commands;

/// <summary>What a command reads and writes: standard input, output and error, and the clock.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error, TimeProvider Time)
{
    /// <summary>The process's console and the system clock.</summary>
    public static CliIo System => new(Console.In, Console.Out, Console.Error, TimeProvider.System);
}
