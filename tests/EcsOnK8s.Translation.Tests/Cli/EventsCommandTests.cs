using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

public sealed class EventsCommandTests
{
    private const string Ec2Event = """
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"EC2 Instance State-change Notification",
         "source":"aws.ec2","account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1",
         "resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
         "detail":{"instance-id":"i-1234567890abcdef0","state":"terminated"}}
        """;

    private static (int Exit, string Out, string Err) RunWithStdin(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = EventsCommand.Run(args, input, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => RunWithStdin(string.Empty, args);

    [Theory]
    [InlineData("""{"source":["aws.ec2"],"detail":{"state":["terminated"]}}""", "true")]
    [InlineData("""{"source":["aws.ec2"],"detail":{"state":["running"]}}""", "false")]
    [InlineData("""{"region":[{"anything-but":{"prefix":"us-"}}]}""", "false")]
    [InlineData("""{"$or":[{"source":["aws.s3"]},{"detail":{"state":[{"wildcard":"term*"}]}}]}""", "true")]
    public void TestPattern_ValidPatternAndEvent_PrintsAnswerExitZero(string pattern, string expected)
    {
        var (exit, stdout, stderr) = Run("test-pattern", "--event-pattern", pattern, "--event", Ec2Event);

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(expected + Environment.NewLine, stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void TestPattern_Files_ReadFromFiles()
    {
        var dir = Directory.CreateTempSubdirectory("ecsonk8s-events-");
        try
        {
            var patternFile = Path.Combine(dir.FullName, "pattern.json");
            var eventFile = Path.Combine(dir.FullName, "event.json");
            File.WriteAllText(patternFile, """{"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]}""");
            File.WriteAllText(eventFile, Ec2Event);

            var (exit, stdout, _) = Run("test-pattern", "--event-pattern", "@" + patternFile, "--event", "@" + eventFile);

            Assert.Equal(Program.ExitOk, exit);
            Assert.Equal("true", stdout.Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void TestPattern_EventFromStdin_Read()
    {
        var (exit, stdout, _) = RunWithStdin(Ec2Event, "test-pattern", "--event", "@-", "--event-pattern", """{"source":["aws.s3"]}""");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal("false", stdout.Trim());
    }

    [Theory]
    [InlineData("""{"detail":{"size":[{"numeric":[">",0,"<"]}]}}""", "invalid --event-pattern: $.detail.size[0].numeric: numeric range malformed")]
    [InlineData("""{"source":"aws.ec2"}""", "invalid --event-pattern: $.source: must be an array")]
    [InlineData("""{"source":[{"contains":"ec2"}]}""", "invalid --event-pattern: $.source[0].contains: unknown operator 'contains'")]
    [InlineData("""{"source":[""", "invalid --event-pattern: $: not valid JSON")]
    public void TestPattern_InvalidPattern_PathAndReasonExitOne(string pattern, string expected)
    {
        var (exit, stdout, stderr) = Run("test-pattern", "--event-pattern", pattern, "--event", Ec2Event);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"source\":", "invalid --event: $: not valid JSON")]
    [InlineData("[1,2]", "invalid --event: $: must be a JSON object")]
    public void TestPattern_InvalidEvent_ExitOne(string @event, string expected)
    {
        var (exit, stdout, stderr) = Run("test-pattern", "--event-pattern", """{"source":["aws.ec2"]}""", "--event", @event);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TestPattern_MissingFile_ExitOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ecsonk8s-missing-{Guid.NewGuid():N}.json");

        var (exit, _, stderr) = Run("test-pattern", "--event-pattern", "@" + missing, "--event", Ec2Event);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Contains($"cannot read '{missing}'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Required command was not provided")]
    [InlineData("Unrecognized command or argument 'match'", "match")]
    [InlineData("Option '--event' is required", "test-pattern", "--event-pattern", "{}")]
    [InlineData("Option '--event-pattern' is required", "test-pattern", "--event", "{}")]
    [InlineData("Required argument missing for option: '--event'", "test-pattern", "--event-pattern", "{}", "--event")]
    [InlineData("Option '--event' expects a single argument but 2 were provided", "test-pattern", "--event-pattern", "{}", "--event", "{}", "--event", "{}")]
    [InlineData("Unrecognized command or argument '--pattern'", "test-pattern", "--pattern", "{}")]
    [InlineData("Unrecognized command or argument '{}'", "test-pattern", "{}", "{}")]
    [InlineData("only one of", "test-pattern", "--event-pattern", "@-", "--event", "@-")]
    public void Run_UsageErrors_ExitTwo(string expected, params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.Equal(Program.ExitUsage, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("usage: ecsonk8s events", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_UsageExitZero()
    {
        var (exit, stdout, _) = Run("test-pattern", "--help");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Contains("Usage:\n  ecsonk8s events test-pattern [options]", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("--event-pattern <JSON|@FILE> (REQUIRED)", stdout, StringComparison.Ordinal);
    }
}
