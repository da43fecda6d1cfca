namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>What a command-line tool (helm, kubectl, a hack/ script) did: its exit code and both outputs.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command and what it printed, for an assertion message.</summary>
    public string Describe() => $"{Command} exited {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    /// <summary>This result, or an exception describing it when the command failed.</summary>
    public ToolResult EnsureSucceeded() => Succeeded ? this : throw new InvalidOperationException(Describe());
}
