using EcsOnK8s.Api.Schema;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.Api.Tests.Schema;

/// <summary>The checked-in crds/ folder is exactly what the generator writes for the current types.</summary>
public sealed class CrdFolderTests
{
    private const string FixCommand = "dotnet run --project operator/EcsOnK8s.Cli -- crds --out crds";

    [Fact]
    public void GenerateYaml_ComparedWithCrdsFolder_IsUpToDate()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "crds");
        List<string> stale = [];

        foreach (var (fileName, yaml) in CrdGenerator.GenerateYaml())
        {
            var path = Path.Combine(folder, fileName);
            if (!File.Exists(path))
            {
                stale.Add($"crds/{fileName} is missing");
            }
            else if (File.ReadAllText(path) != yaml)
            {
                stale.Add($"crds/{fileName} is stale");
            }
        }

        Assert.True(stale.Count == 0, $"{string.Join("; ", stale)}. Regenerate with `{FixCommand}` (or `make crds`) and commit the diff.");
    }

    [Fact]
    public void CrdsFolder_EveryFile_IsGenerated()
    {
        var generated = CrdGenerator.GenerateYaml().Select(c => c.FileName).ToHashSet(StringComparer.Ordinal);

        var extra = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "crds"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(name => !generated.Contains(name!))
            .ToList();

        Assert.True(extra.Count == 0, $"crds/ holds files the generator does not write: {string.Join(", ", extra)}");
    }
}
