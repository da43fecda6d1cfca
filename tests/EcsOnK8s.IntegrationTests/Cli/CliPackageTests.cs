using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Cli;

/// <summary>
/// The CLI as people get it: the dotnet tool package, installed from a local folder only (no registry), and the
/// self-contained single-file publish, each run as a process.
/// </summary>
public sealed partial class CliPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private static readonly string Project = Path.Combine(RepositoryRoot.Path, "operator", "EcsOnK8s.Cli", "EcsOnK8s.Cli.csproj");

    private readonly string _work = Directory.CreateTempSubdirectory("ecsonk8s-cli-package-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The one place the version is set: the project's Version property.</summary>
    private static string ProjectVersion() =>
        XDocument.Load(Project).Descendants("Version").Single().Value;

    [Fact]
    public async Task Pack_InstalledFromTheLocalFolderOnly_RunsAsEcsonk8s()
    {
        var version = ProjectVersion();
        var packages = Path.Combine(_work, "packages");
        var tools = Path.Combine(_work, "tools");

        // The test run built the project already (the tests reference it); packing again would race other builds.
        var pack = await ChildProcess.RunAsync("dotnet", ["pack", Project, "-c", Configuration, "--no-build", "-o", packages], BuildTimeout, RepositoryRoot.Path);
        Assert.True(pack.Exit == 0, $"dotnet pack failed:\n{pack.Out}\n{pack.Err}");

        var nupkg = Path.Combine(packages, $"EcsOnK8s.Cli.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"no {nupkg}: {string.Join(", ", Directory.GetFiles(packages))}");
        using (var archive = ZipFile.OpenRead(nupkg))
        {
            var settings = XDocument.Load(archive.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
            var command = Assert.Single(settings.Descendants("Command"));
            Assert.Equal("ecsonk8s", command.Attribute("Name")?.Value);
            Assert.Equal("ecsonk8s.dll", command.Attribute("EntryPoint")?.Value);
            Assert.NotNull(archive.GetEntry("tools/net10.0/any/ecsonk8s.dll"));
            var nuspec = XDocument.Load(archive.GetEntry("EcsOnK8s.Cli.nuspec")!.Open());
            Assert.Equal("DotnetTool", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
        }

        // A NuGet.config with the package folder as its only source: the install cannot reach a registry.
        var config = Path.Combine(_work, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await ChildProcess.RunAsync(
            "dotnet", ["tool", "install", "EcsOnK8s.Cli", "--version", version, "--tool-path", tools, "--configfile", config], BuildTimeout, _work);
        Assert.True(install.Exit == 0, $"dotnet tool install failed:\n{install.Out}\n{install.Err}");

        var ecsonk8s = Path.Combine(tools, "ecsonk8s");
        var (exit, output, error) = await ChildProcess.RunAsync(ecsonk8s, ["--version"], RunTimeout);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal(version, output.Trim());

        var usage = await ChildProcess.RunAsync(ecsonk8s, ["convert", "--bogus"], RunTimeout);
        Assert.Equal(2, usage.Exit);
        Assert.Contains("ecsonk8s convert: Unrecognized command or argument '--bogus'.", usage.Err, StringComparison.Ordinal);

        // The completion script, sourced by a real bash, completes through the installed program.
        var script = await ChildProcess.RunAsync(ecsonk8s, ["completion", "bash"], RunTimeout);
        var scriptFile = Path.Combine(_work, "ecsonk8s.bash");
        File.WriteAllText(scriptFile, script.Out);
        var completed = await ChildProcess.RunAsync(
            "bash",
            ["-c", $$"""
                source '{{scriptFile}}'
                complete -p ecsonk8s >/dev/null || exit 9
                for line in 'ecsonk8s conv' 'ecsonk8s convert td.json --to ' 'ecsonk8s schedule n'; do
                  COMP_LINE="$line"; COMP_POINT=${#line}; read -ra COMP_WORDS <<< "$line"; COMP_WORDS[0]=ecsonk8s
                  _ecsonk8s_complete
                  echo "$line=>${COMPREPLY[*]}"
                done
                """],
            RunTimeout,
            environment: new Dictionary<string, string> { ["PATH"] = $"{tools}:{Environment.GetEnvironmentVariable("PATH")}" });
        Assert.True(completed.Exit == 0, $"bash completion failed ({completed.Exit}):\n{completed.Out}\n{completed.Err}");
        Assert.Equal(
            ["ecsonk8s conv=>convert", "ecsonk8s convert td.json --to =>crds manifests", "ecsonk8s schedule n=>next"],
            completed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task PublishSingleFileSelfContained_RunsWithoutTheSdkAndConvertsAsInProcess()
    {
        var version = ProjectVersion();
        var output = Path.Combine(_work, "single-file");

        // As docs/cli.md says, without rebuilding the referenced projects other tests build too.
        var publish = await ChildProcess.RunAsync(
            "dotnet",
            ["publish", Project, "-c", Configuration, "-r", "linux-x64", "-p:PublishSingleFile=true", "--self-contained", "--no-dependencies", "-o", output],
            BuildTimeout,
            RepositoryRoot.Path);
        Assert.True(publish.Exit == 0, $"dotnet publish failed:\n{publish.Out}\n{publish.Err}");
        var binary = Path.Combine(output, "ecsonk8s");
        Assert.Empty(Directory.GetFiles(output, "*.dll"));

        // Self-contained: no dotnet on the PATH, no DOTNET_ROOT.
        var bare = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["DOTNET_ROOT"] = "/nonexistent" };
        var (exit, printed, _) = await ChildProcess.RunAsync(binary, ["--version"], RunTimeout, environment: bare);
        Assert.Equal(0, exit);
        Assert.Equal(version, printed.Trim());

        var crds = await ChildProcess.RunAsync(binary, ["crds", "--check", Path.Combine(RepositoryRoot.Path, "crds")], RunTimeout, environment: bare);
        Assert.True(crds.Exit == 0, $"the single file's CRDs differ from crds/:\n{crds.Err}");

        // The binary alone (copied without its folder) still converts, byte for byte as the library does in process.
        var lone = Path.Combine(_work, "lone");
        Directory.CreateDirectory(lone);
        File.Copy(binary, Path.Combine(lone, "ecsonk8s")); // keeps the execute bits
        var golden = Path.Combine(RepositoryRoot.Path, "tests", "EcsOnK8s.Translation.Tests", "Golden", "default-service-from-family", "taskdef.json");
        var converted = await ChildProcess.RunAsync(Path.Combine(lone, "ecsonk8s"), ["convert", golden, "--report", "json"], RunTimeout, environment: bare);
        var expected = ConvertCommand.Convert(new ConvertOptions { TaskDefinition = golden, Report = "json" }, TextReader.Null);
        Assert.Equal(0, converted.Exit);
        Assert.Equal(expected.Output, converted.Out);
        Assert.Equal(expected.Report, converted.Err);

        // Without its folder's .xml files, crds says that its CRDs lack descriptions rather than writing them silently.
        var loneCrds = await ChildProcess.RunAsync(Path.Combine(lone, "ecsonk8s"), ["crds"], RunTimeout, environment: bare);
        Assert.Equal(0, loneCrds.Exit);
        Assert.Matches(NoDescriptions(), loneCrds.Err);
    }

    [GeneratedRegex("EcsOnK8s.Api.xml is not beside the program: the CRDs have no field descriptions")]
    private static partial Regex NoDescriptions();
}
