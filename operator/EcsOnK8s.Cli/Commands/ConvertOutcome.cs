namespace EcsOnK8s.Cli.Commands;

/// <summary>What <c>ecsonk8s convert</c> produced: exit code, the documents and the report (or error) text.</summary>
public sealed record ConvertOutcome(int ExitCode, string Output, string Report);
