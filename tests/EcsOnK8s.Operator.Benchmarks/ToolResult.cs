namespace EcsOnK8s.Operator.Benchmarks;

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr);
