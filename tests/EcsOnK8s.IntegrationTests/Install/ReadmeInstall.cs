using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>
/// The commands of the README's Install section, as written: the first sh block under "## Install", one line per
/// step, commands of a line joined by <c>&amp;&amp;</c>, a trailing <c>#</c> comment ignored.
/// </summary>
internal static class ReadmeInstall
{
    public const int HelmLine = 0;
    public const int BundleLine = 1;
    public const int SampleLine = 2;

    /// <summary>Each line of the block as its commands, each command as its words.</summary>
    public static IReadOnlyList<IReadOnlyList<string[]>> Lines()
    {
        var readme = File.ReadAllLines(RepositoryRoot.Combine("README.md"));
        var section = Array.FindIndex(readme, l => l.Trim() == "## Install");
        if (section < 0)
        {
            throw new InvalidOperationException("README.md has no '## Install' section");
        }

        var start = Array.FindIndex(readme, section, l => l.StartsWith("```sh", StringComparison.Ordinal));
        var end = Array.FindIndex(readme, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return readme[(start + 1)..end]
            .Select(line => line.Split(" #", 2)[0])
            .Select(line => (IReadOnlyList<string[]>)line.Split("&&")
                .Select(command => command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList())
            .ToList();
    }

    /// <summary>Runs one line's commands in order against <paramref name="kubeconfig"/>, stopping at the first failure.</summary>
    public static async Task<List<ToolResult>> RunAsync(int line, string kubeconfig)
    {
        var results = new List<ToolResult>();
        foreach (var words in Lines()[line])
        {
            var result = words[0] switch
            {
                "helm" => await Tool.HelmAsync(kubeconfig, words[1..]),
                "kubectl" => await Tool.KubectlAsync(kubeconfig, words[1..]),
                _ => throw new InvalidOperationException($"README Install line {line + 1}: '{words[0]}' is neither helm nor kubectl"),
            };
            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return results;
    }
}
