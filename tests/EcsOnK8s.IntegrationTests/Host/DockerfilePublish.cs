namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// The Dockerfile's <c>RUN dotnet publish ...</c>: which project, in which configuration, into which folder, and the
/// same command aimed at another folder (how the tests publish exactly as the image does).
/// </summary>
internal sealed class DockerfilePublish
{
    private readonly IReadOnlyList<string> _words;

    public DockerfilePublish(DockerfileInstruction run)
    {
        _words = run.Words;
        if (_words.Count < 3 || _words[0] != "dotnet" || _words[1] != "publish")
        {
            throw new FormatException($"not a dotnet publish: {run.Arguments}");
        }

        Project = _words[2];
        Configuration = ValueOf("-c") ?? throw new FormatException("the publish names no configuration (-c)");
        Output = ValueOf("-o") ?? throw new FormatException("the publish names no output folder (-o)");
    }

    /// <summary>The project path, relative to the build stage's WORKDIR (the repository root in the context).</summary>
    public string Project { get; }

    public string Configuration { get; }

    public string Output { get; }

    /// <summary>The arguments after <c>dotnet</c>, with the output folder replaced by <paramref name="output"/>.</summary>
    public IReadOnlyList<string> ArgumentsInto(string output)
    {
        var arguments = _words.Skip(1).ToList();
        arguments[arguments.IndexOf("-o") + 1] = output;
        return arguments;
    }

    private string? ValueOf(string flag)
    {
        var at = _words.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < _words.Count ? _words[at + 1] : null;
    }
}
