namespace EcsOnK8s.Testing;

/// <summary>The outcome of one run of <c>hack/control-plane.sh</c>.</summary>
public sealed record ScriptResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
