using System.Text.RegularExpressions;
using System.Xml.Linq;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// The Dockerfile kept in step with the operator project and the chart (no container engine here): what it
/// publishes, what it copies, the user, the entry point, the time zone data and the port.
/// </summary>
public sealed partial class DockerfileTests
{
    private const string OperatorProject = "operator/EcsOnK8s.Operator/EcsOnK8s.Operator.csproj";

    private static readonly DockerfileText Dockerfile = DockerfileText.Load();

    private static DockerfileStage BuildStage => Dockerfile.BuildStage;

    private static DockerfilePublish Publish => Dockerfile.Publish;

    [Fact]
    public void Publish_OperatorProjectInRelease_ProjectExists()
    {
        Assert.Equal(OperatorProject, Publish.Project);
        Assert.True(File.Exists(RepositoryRoot.Combine(Publish.Project)), Publish.Project);
        Assert.Equal("Release", Publish.Configuration);
        Assert.Equal("ecsonk8s-operator", AssemblyName(Publish.Project));
    }

    [Fact]
    public void RestoreLayer_CopiesEveryProjectTheOperatorReferences_BeforeRestore()
    {
        var instructions = BuildStage.Instructions;
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore ", StringComparison.Ordinal));
        Assert.True(restore >= 0, "the build stage restores in a layer of its own");
        var copiedBeforeRestore = instructions[..restore]
            .Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.CopyPaths().Sources)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var needed in ProjectClosure(Publish.Project).Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"]))
        {
            Assert.True(copiedBeforeRestore.Contains(needed), $"{needed} is not copied before the restore");
        }

        Assert.Equal(Publish.Project, instructions[restore].Words[2]);
    }

    [Fact]
    public void Copies_FromTheContext_ExistAndAreNotIgnored()
    {
        var ignored = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);

        var sources = Dockerfile.Stages
            .SelectMany(s => s.All("COPY"))
            .Where(c => c.Flag("from") is null)
            .SelectMany(c => c.CopyPaths().Sources)
            .ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = RepositoryRoot.Combine(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: not in the repository");
            Assert.DoesNotContain(ignored, pattern => !pattern.StartsWith("**/", StringComparison.Ordinal) && source.StartsWith(pattern, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RuntimeUser_MatchesTheChartsPodSecurityContext()
    {
        var values = ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "values.yaml"));
        var user = (string?)ChartYaml.At(values, "podSecurityContext.runAsUser");
        var group = (string?)ChartYaml.At(values, "podSecurityContext.runAsGroup");

        Assert.Equal("65532", user);
        Assert.Equal("65532", group);
        Assert.Equal($"{user}:{group}", Dockerfile.Runtime.All("USER").Last().Arguments);
    }

    [Fact]
    public void Entrypoint_RunsThePublishedAssembly()
    {
        var folder = Dockerfile.RuntimeAppFolder;

        // Framework-dependent and portable: no apphost, so `dotnet <dll>` on any architecture.
        Assert.Equal("false", XDocument.Load(RepositoryRoot.Combine(Publish.Project)).Descendants("UseAppHost").Single().Value);
        Assert.Equal("/app", folder);
        Assert.Equal(["dotnet", $"{folder}/{AssemblyName(Publish.Project)}.dll"], Dockerfile.Entrypoint);
    }

    [Fact]
    public void RuntimeStage_HasZoneinfo()
    {
        var runtime = Dockerfile.Runtime;
        if (runtime.BaseImage.EndsWith("-extra", StringComparison.Ordinal))
        {
            return;
        }

        var copy = runtime.All("COPY").SingleOrDefault(c => c.CopyPaths() is { Sources: ["/usr/share/zoneinfo"], Destination: "/usr/share/zoneinfo" });
        Assert.True(copy is not null, "a chiseled runtime without tzdata copies /usr/share/zoneinfo from another stage");
        var from = Dockerfile.Stages.Single(s => s.Name == copy.Flag("from"));

        // The stage it comes from proves the tree is there (a zone the schedule tests use), or the build fails.
        Assert.Contains(from.All("RUN"), r => r.Arguments.Contains("test -f /usr/share/zoneinfo/Europe/Berlin", StringComparison.Ordinal));
    }

    [Fact]
    public void RuntimeStage_ChiseledAspNetOfTheTargetFramework_NoShell()
    {
        var runtime = Dockerfile.Runtime;
        var framework = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework.Replace("net", "", StringComparison.Ordinal);
        var sdk = XDocument.Load(RepositoryRoot.Combine(Publish.Project)).Root!.Attribute("Sdk")!.Value;

        // A Web SDK project runs on the ASP.NET Core shared framework, which the aspnet image carries.
        Assert.Equal("Microsoft.NET.Sdk.Web", sdk);
        Assert.StartsWith($"mcr.microsoft.com/dotnet/aspnet:{version}-", runtime.BaseImage, StringComparison.Ordinal);
        Assert.StartsWith($"mcr.microsoft.com/dotnet/sdk:{version}", BuildStage.BaseImage, StringComparison.Ordinal);
        Assert.Contains("chiseled", runtime.BaseImage, StringComparison.Ordinal);

        // Nothing in the runtime stage needs a shell: no RUN, exec-form entry point, no CMD.
        Assert.Empty(runtime.All("RUN"));
        Assert.Empty(runtime.All("CMD"));
        Assert.StartsWith("[", runtime.Single("ENTRYPOINT").Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void ExposedPort_MatchesTheChartsContainerPortAndTheOperatorsDefault()
    {
        var values = ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "values.yaml"));
        var deployment = File.ReadAllText(Path.Combine(ChartYaml.ChartDirectory, "templates", "deployment.yaml"));
        var containerPorts = ContainerPort().Matches(deployment).Select(m => m.Groups["value"].Value.Trim()).ToList();
        var exposed = Dockerfile.Runtime.All("EXPOSE").SelectMany(e => e.Words).Select(p => p.Split('/')[0]).ToList();

        var defaults = new OperatorOptions();
        Assert.Equal(["{{ .Values.metrics.port }}", "{{ .Values.events.endpoint.port }}", "{{ .Values.ecsApi.port }}"], containerPorts);
        Assert.Equal(
            [(string?)ChartYaml.At(values, "metrics.port") ?? "(none)", (string?)ChartYaml.At(values, "events.endpoint.port") ?? "(none)", (string?)ChartYaml.At(values, "ecsApi.port") ?? "(none)"],
            exposed);
        Assert.Equal(
            [defaults.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), defaults.EventsEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             defaults.EcsApi.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            exposed);
    }

    private static string AssemblyName(string project) =>
        XDocument.Load(RepositoryRoot.Combine(project)).Descendants("AssemblyName").SingleOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(project);

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var root = RepositoryRoot.Path;
        var seen = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(RepositoryRoot.Combine(project))]);
        while (pending.TryPop(out var path))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (seen.Contains(relative))
            {
                continue;
            }

            seen.Add(relative);
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Attribute("Include")!.Value)));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"containerPort:\s*(?<value>.+)")]
    private static partial Regex ContainerPort();
}
