namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>One Dockerfile instruction: its keyword (upper case) and the text after it.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments)
{
    public IReadOnlyList<string> Words => DockerfileText.Words(Arguments);

    /// <summary>The value of a <c>--name=value</c> flag of COPY or FROM, or null.</summary>
    public string? Flag(string name) =>
        Words.Where(w => w.StartsWith($"--{name}=", StringComparison.Ordinal)).Select(w => w[(name.Length + 3)..]).SingleOrDefault();

    /// <summary>A COPY's sources and destination, flags left out.</summary>
    public (IReadOnlyList<string> Sources, string Destination) CopyPaths()
    {
        var paths = Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return (paths[..^1], paths[^1]);
    }
}
