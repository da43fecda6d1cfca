using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Minimal = """{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}""";

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
        Assert.Contains("taskDefinition: Web_App\n", output, StringComparison.Ordinal);
    }

    // The operator numbers revisions itself: the EcsTaskDefinition written registers as its family's next revision,
    // so a service pinned to AWS's web:7 (or on cluster prod, not written) would wait for ever.
    [Fact]
    public void Run_ToCrdsFromDescribeOutputs_ServicePointsAtWhatIsWrittenOrWarns()
    {
        var file = Write("td.json", """{"taskDefinition": {"family": "web", "revision": 7, "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}}""");
        var service = Write("svc.json", """
            {"services": [{"serviceName": "web", "desiredCount": 2, "clusterArn": "arn:aws:ecs:eu-west-1:111122223333:cluster/prod",
              "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7"}]}
            """);
        var cluster = Write("cluster.yaml", "apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata:\n  name: eu\nspec: {}\n");

        var (exit, output, report) = Run(file, "--service", service, "--to", "crds");
        var (withClusterExit, withCluster, withClusterReport) = Run(file, "--service", service, "--to", "crds", "--cluster", cluster);

        Assert.Equal(Program.ExitOk, exit);
        var services = YamlDocuments.Read(output).Where(d => (string?)d["kind"] == "EcsService").ToList();
        Assert.Equal("web", (string?)Assert.Single(services)["spec"]!["taskDefinition"]);
        Assert.Equal("prod", (string?)services[0]["spec"]!["cluster"]);
        Assert.Matches(@"service\.cluster +Approximated +EcsCluster 'prod' is not among the resources written", report);
        Assert.Matches(@"service\.taskDefinition +Approximated +'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7' written as 'web'", report);

        Assert.Equal(Program.ExitOk, withClusterExit);
        var documents = YamlDocuments.Read(withCluster);
        Assert.Equal(["EcsCluster", "EcsTaskDefinition", "EcsService"], documents.Select(d => (string?)d["kind"]));
        Assert.Equal("eu", (string?)documents[2]["spec"]!["cluster"]);
        Assert.Equal("web", (string?)documents[2]["spec"]!["taskDefinition"]);
        Assert.Matches(@"service\.cluster +Approximated +'prod' written as 'eu'", withClusterReport);
    }

    [Fact]
    public void Run_ToCrdsRunTaskAndSchedule_PointAtTheFamily()
    {
        var file = Write("td.json", """{"taskDefinition": {"family": "job", "revision": 3, "containerDefinitions": [{"name": "a", "image": "i", "memory": 64}]}}""");
        var runTask = Write("run.json", """{"taskDefinition": "job:3", "count": 1}""");
        var schedule = Write("schedule.json", """
            {"Name": "nightly", "ScheduleExpression": "cron(0 3 * * ? *)", "FlexibleTimeWindow": {"Mode": "OFF"},
             "Target": {"Arn": "arn:aws:ecs:eu-west-1:111122223333:cluster/default", "RoleArn": "arn:aws:iam::111122223333:role/r",
                        "EcsParameters": {"TaskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/job:3"}}}
            """);

        var (taskExit, task, _) = Run(file, "--run-task", runTask, "--to", "crds");
        var (scheduleExit, scheduled, _) = Run(file, "--schedule", schedule, "--to", "crds");

        Assert.Equal(Program.ExitOk, taskExit);
        Assert.Equal("job", (string?)YamlDocuments.Read(task)[^1]["spec"]!["taskDefinition"]);
        Assert.Equal(Program.ExitOk, scheduleExit);
        Assert.Equal("job", (string?)YamlDocuments.Read(scheduled)[^1]["spec"]!["target"]!["ecsParameters"]!["taskDefinitionArn"]);
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

    // --scaling takes every file up to the next option: a TASKDEF after it is its last file, as before.
    [Fact]
    public void Run_TaskDefinitionAfterScaling_SameAsBefore()
    {
        var golden = Path.Combine(RepositoryPaths.GoldenCases, "autoscaling-cpu-and-alb");
        var td = Path.Combine(golden, "taskdef.json");
        var scaling = Path.Combine(golden, "scaling.json");

        var first = Run(td, "--scaling", scaling, "--report", "full");
        var after = Run("--scaling", scaling, td, "--report", "full");

        Assert.Equal(Program.ExitOk, first.Exit);
        Assert.Contains("kind: HorizontalPodAutoscaler", first.Out, StringComparison.Ordinal);
        Assert.Equal(first, after);
    }

    [Fact]
    public void Run_OutputIntoMissingFolder_CreatesIt()
    {
        var file = Write("td.json", Minimal);
        var target = Path.Combine(_dir, "out", "deep", "web.yaml");

        var (exit, output, error) = Run(file, "-o", target);

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(string.Empty, output);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.StartsWith("---\n", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OutputIsAFolder_ExitTwoWithTheReason()
    {
        var file = Write("td.json", Minimal);

        var (exit, _, error) = Run(file, "--output", _dir);

        Assert.Equal(Program.ExitUsage, exit);
        Assert.Contains($"ecsonk8s convert: cannot write --output '{_dir}': ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
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
