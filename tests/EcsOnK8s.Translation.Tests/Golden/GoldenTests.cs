using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Golden;

/// <summary>
/// Every golden case converted through the CLI's own code path and compared byte for byte with the expected
/// manifests and report. <c>ECSONK8S_UPDATE_GOLDEN=1</c> rewrites the expected files (review the diff): one
/// shared file where every Kubernetes version renders the same bytes, one per version where they differ.
/// </summary>
public class GoldenTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("ECSONK8S_UPDATE_GOLDEN") == "1";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in GoldenCase.All())
        {
            foreach (var v in GoldenCase.Versions)
            {
                data.Add(c.Name, v);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyCases()
    {
        Assert.True(GoldenCase.All().Count() >= 30, $"{GoldenCase.All().Count()} golden cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_GoldenCase_MatchesExpectedFiles(string name, string version)
    {
        var c = new GoldenCase(name, Path.Combine(RepositoryPaths.GoldenCases, name));
        var outcome = Convert(c, version);
        if (Update)
        {
            // Both versions are rendered so that the expected files can be shared exactly where they agree.
            var outcomes = GoldenCase.Versions.ToDictionary(v => v, v => Convert(c, v), StringComparer.Ordinal);
            Write(c, "expected", "yaml", outcomes.ToDictionary(o => o.Key, o => o.Value.Output, StringComparer.Ordinal));
            Write(c, "report", "txt", outcomes.ToDictionary(o => o.Key, o => Report(c, o.Value), StringComparer.Ordinal));
        }

        Compare(c.Expected("expected", "yaml", version), outcome.Output);
        Compare(c.Expected("report", "txt", version), Report(c, outcome));
        Assert.Equal(c.ExpectRejected ? Program.ExitRejected : Program.ExitOk, outcome.ExitCode);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ExpectedFiles_GoldenCase_SharedExactlyWhereTheVersionsAgree(string name)
    {
        var c = new GoldenCase(name, Path.Combine(RepositoryPaths.GoldenCases, name));
        foreach (var (stem, extension) in new[] { ("expected", "yaml"), ("report", "txt") })
        {
            var perVersion = GoldenCase.Versions.Where(v => File.Exists(c.OfVersion(stem, extension, v))).ToList();
            if (File.Exists(c.Shared(stem, extension)))
            {
                Assert.True(perVersion.Count == 0, $"{name}: {stem}.{extension} and per-version files both exist");
            }
            else
            {
                Assert.True(perVersion.Count == GoldenCase.Versions.Length, $"{name}: {stem}.{extension} is missing: run with ECSONK8S_UPDATE_GOLDEN=1 and review it");
                var contents = perVersion.Select(v => File.ReadAllText(c.OfVersion(stem, extension, v))).Distinct(StringComparer.Ordinal).Count();
                Assert.True(contents > 1, $"{name}: the per-version {stem} files are identical: keep one {stem}.{extension} (ECSONK8S_UPDATE_GOLDEN=1)");
            }
        }
    }

    public static TheoryData<string> CaseNames() => [.. GoldenCase.All().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_GoldenCase_ExitCodeAndStreams(string name, string version)
    {
        var c = new GoldenCase(name, Path.Combine(RepositoryPaths.GoldenCases, name));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ConvertCommand.Run(c.Arguments(version, "json"), TextReader.Null, stdout, stderr);

        Assert.Equal(c.ExpectRejected ? Program.ExitRejected : Program.ExitOk, exit);
        Assert.Contains("\"entries\"", stderr.ToString(), StringComparison.Ordinal);
        if (c.ExpectRejected)
        {
            Assert.Equal(string.Empty, stdout.ToString());
            Assert.Contains("\"rejected\": true", stderr.ToString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("---\n", stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_GoldenCaseTwice_ByteIdentical(string name, string version)
    {
        var c = new GoldenCase(name, Path.Combine(RepositoryPaths.GoldenCases, name));
        var (options, _) = ConvertCommand.Parse(c.Arguments(version));

        var first = ConvertCommand.Convert(options!, TextReader.Null);
        var second = ConvertCommand.Convert(options!, TextReader.Null);

        Assert.Equal(first, second);
    }

    private static ConvertOutcome Convert(GoldenCase c, string version)
    {
        var (options, error) = ConvertCommand.Parse(c.Arguments(version));
        Assert.True(options is not null, error);
        return ConvertCommand.Convert(options, TextReader.Null);
    }

    private static string Report(GoldenCase c, ConvertOutcome outcome) =>
        outcome.Report.Replace(c.Folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);

    private static void Write(GoldenCase c, string stem, string extension, Dictionary<string, string> byVersion)
    {
        var shared = byVersion.Values.Distinct(StringComparer.Ordinal).Count() == 1;
        foreach (var (version, text) in byVersion)
        {
            var path = c.OfVersion(stem, extension, version);
            if (shared)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, text);
            }
        }

        if (shared)
        {
            File.WriteAllText(c.Shared(stem, extension), byVersion.Values.First());
        }
        else
        {
            File.Delete(c.Shared(stem, extension));
        }
    }

    private static void Compare(string path, string actual)
    {
        Assert.True(File.Exists(path), $"{path} is missing: run with ECSONK8S_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
