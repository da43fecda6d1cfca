using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ConvertCommand.Run(args, TextReader.Null, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Run_MalformedJson_OneBasedLineAndColumn()
    {
        var file = Write("bad.json", "{\n  \"family\": \"x\",\n  \"containerDefinitions\": [ {\"name\": \"a\",, } ]\n}\n");

        var (exit, output, error) = Run(file);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("bad.json:3:42: malformed JSON", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongType_FileJsonPathAndReason()
    {
        var file = Write("td.json", """{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "memory": "lots"}]}""");

        var (exit, _, error) = Run(file);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Contains("td.json: $.containerDefinitions[0].memory: expected an integer", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--to", "helm")]
    [InlineData("--kubernetes-version", "1.19")]
    [InlineData("--service")]
    public void Run_UsageErrors_ExitTwo(params string[] extra)
    {
        var file = Write("td.json", """{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}""");

        Assert.Equal(Program.ExitUsage, Run([file, .. extra]).Exit);
    }

    [Fact]
    public void Run_MissingFile_ExitTwoNamingIt()
    {
        var (exit, _, error) = Run(Path.Combine(_dir, "nope.json"));

        Assert.Equal(Program.ExitUsage, exit);
        Assert.Contains("nope.json: no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownField_ReportedIgnoredNotDropped()
    {
        var file = Write("td.json", """{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64, "frobnicate": true}], "futureField": {"a": 1}}""");

        var (exit, output, error) = Run(file, "--report", "json");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Contains("kind: Deployment", output, StringComparison.Ordinal);
        Assert.Contains("\"path\": \"taskDefinition.containerDefinitions[0].frobnicate\"", error, StringComparison.Ordinal);
        Assert.Contains("\"path\": \"taskDefinition.futureField\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ToCrds_EcsResources()
    {
        var file = Write("td.json", """{"family": "Web_App", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}""");
        var service = Write("svc.json", """{"serviceName": "web", "desiredCount": 2}""");

        var (exit, output, _) = Run(file, "--service", service, "--to", "crds", "--namespace", "shop");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Contains("kind: EcsTaskDefinition\nmetadata:\n  name: web-app\n  namespace: shop", output, StringComparison.Ordinal);
        Assert.Contains("kind: EcsService", output, StringComparison.Ordinal);
        Assert.Contains("taskDefinition: Web_App:1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OutputFile_WritesFileNotStdout()
    {
        var file = Write("td.json", """{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}""");
        var target = Path.Combine(_dir, "out.yaml");

        var (exit, output, _) = Run(file, "-o", target);

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("---\n", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DescribeServicesWithSeveral_NeedsServiceName()
    {
        var file = Write("td.json", """{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}""");
        var services = Write("svcs.json", """{"services": [{"serviceName": "a", "desiredCount": 1}, {"serviceName": "b", "desiredCount": 4, "runningCount": 4}]}""");

        Assert.Equal(Program.ExitRejected, Run(file, "--service", services).Exit);
        var (exit, output, error) = Run(file, "--service", services, "--service-name", "b");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Contains("replicas: 4", output, StringComparison.Ordinal);
        Assert.Contains("service.runningCount", error, StringComparison.Ordinal);
    }
}
