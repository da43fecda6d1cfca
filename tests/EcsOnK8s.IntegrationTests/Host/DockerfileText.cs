using System.Text.Json;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// The repository's <c>Dockerfile</c> read as its stages and instructions (continuation lines joined, comments
/// dropped), enough to keep it in step with the project and the chart without a container engine.
/// </summary>
internal sealed class DockerfileText
{
    private DockerfileText(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public static string PathInRepository => RepositoryRoot.Combine("Dockerfile");

    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>The stage the image is made of: the last one.</summary>
    public DockerfileStage Runtime => Stages[^1];

    /// <summary>The stage that publishes the operator.</summary>
    public DockerfileStage BuildStage => Stages.Single(s => s.All("RUN").Any(r => r.Arguments.StartsWith(PublishCommand + " ", StringComparison.Ordinal)));

    public DockerfilePublish Publish => new(BuildStage.Run(PublishCommand));

    /// <summary>
    /// The folder of the runtime stage that receives the publish output: the destination of its
    /// <c>COPY --from=&lt;build&gt; &lt;output&gt;</c>, resolved against its WORKDIR.
    /// </summary>
    public string RuntimeAppFolder
    {
        get
        {
            var copy = Runtime.All("COPY").Single(c => c.Flag("from") == BuildStage.Name && c.CopyPaths().Sources.SequenceEqual([Publish.Output]));
            var destination = copy.CopyPaths().Destination;
            var workdir = Runtime.All("WORKDIR").LastOrDefault()?.Arguments ?? "/";
            return (destination.StartsWith('/') ? destination : workdir.TrimEnd('/') + "/" + destination.TrimStart('.', '/')).TrimEnd('/');
        }
    }

    /// <summary>The runtime stage's exec-form ENTRYPOINT.</summary>
    public IReadOnlyList<string> Entrypoint => ExecForm(Runtime.Single("ENTRYPOINT").Arguments);

    /// <summary>The runtime stage's ENV settings (<c>KEY=value</c> form), quotes removed.</summary>
    public IReadOnlyDictionary<string, string> RuntimeEnvironment =>
        Runtime.All("ENV")
            .SelectMany(e => e.Words)
            .Select(w => w.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1].Trim('"') : throw new FormatException($"ENV {kv[0]}: use the KEY=value form"));

    private const string PublishCommand = "dotnet publish";

    public static DockerfileText Load() => Parse(File.ReadAllText(PathInRepository));

    public static DockerfileText Parse(string text)
    {
        var stages = new List<DockerfileStage>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var instruction = (pending + line).Trim();
            pending = "";
            if (instruction.Length == 0)
            {
                continue;
            }

            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = Words(arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                var name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new DockerfileStage(words[0], name, []));
                continue;
            }

            if (stages.Count == 0)
            {
                throw new FormatException($"'{instruction}' comes before the first FROM");
            }

            stages[^1].Instructions.Add(new DockerfileInstruction(keyword, arguments));
        }

        return new DockerfileText(stages);
    }

    /// <summary>The words of a shell-form argument list (no quoting is used in ours).</summary>
    public static IReadOnlyList<string> Words(string arguments) =>
        arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An exec-form (JSON array) argument list, as ENTRYPOINT and CMD take it.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments) =>
        JsonSerializer.Deserialize<string[]>(arguments) ?? throw new FormatException($"not an exec-form list: {arguments}");
}
