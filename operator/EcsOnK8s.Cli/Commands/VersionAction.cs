using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// <c>--version</c>: the version of this assembly (the package's Version), whichever process hosts it; the default
/// action prints the entry assembly's, which is a test host's when the tree runs in process.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return Program.ExitOk;
    }
}
