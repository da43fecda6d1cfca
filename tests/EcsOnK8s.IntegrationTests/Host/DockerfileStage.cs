namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>One <c>FROM</c> of a Dockerfile: its base image, its name (<c>AS</c>) and its instructions in order.</summary>
internal sealed record DockerfileStage(string BaseImage, string? Name, List<DockerfileInstruction> Instructions)
{
    public IEnumerable<DockerfileInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The one instruction of that keyword; a stage with none or several fails the caller's test.</summary>
    public DockerfileInstruction Single(string keyword) => All(keyword).Single();

    /// <summary>The RUN whose command starts with <paramref name="commandPrefix"/> (e.g. "dotnet publish").</summary>
    public DockerfileInstruction Run(string commandPrefix) =>
        All("RUN").Single(i => i.Arguments.StartsWith(commandPrefix + " ", StringComparison.Ordinal));
}
