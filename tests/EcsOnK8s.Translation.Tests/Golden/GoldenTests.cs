using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Golden;

/// <summary>
/// Every golden case converted through the CLI's own code path and compared byte for byte with the expected
/// manifests and report. <c>ECSONK8S_UPDATE_GOLDEN=1</c> rewrites the expected files (review the diff).
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
        var (options, error) = ConvertCommand.Parse(c.Arguments(version));
        Assert.True(options is not null, error);

        var outcome = ConvertCommand.Convert(options, TextReader.Null);

        Compare(c.In($"expected-{version}.yaml"), outcome.Output);
        Compare(c.In($"report-{version}.txt"), outcome.Report.Replace(c.Folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal));
        Assert.Equal(c.ExpectRejected ? Program.ExitRejected : Program.ExitOk, outcome.ExitCode);
    }

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

    private static void Compare(string path, string actual)
    {
        if (Update)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing: run with ECSONK8S_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
