using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

/// <summary>The command tree as a user meets it: help, version, option spellings, usage errors and completion.</summary>
public sealed class CliRootTests : IDisposable
{
    private const string TaskDefinition = """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("cli-root-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var exit = CliRoot.Run(args, new CliIo(TextReader.Null, stdout, stderr, clock));
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private string TaskDefinitionFile()
    {
        var path = Path.Combine(_dir, "td.json");
        File.WriteAllText(path, TaskDefinition);
        return path;
    }

    [Fact]
    public void Run_Version_ThePackageVersion()
    {
        var (exit, output, _) = Run("--version");

        Assert.Equal(Program.ExitOk, exit);
        var version = typeof(Program).Assembly.GetName().Version!;
        Assert.Equal($"{version.Major}.{version.Minor}.{version.Build}\n", output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("convert", "--help")]
    [InlineData("convert", "-h")]
    [InlineData("schedule", "--help")]
    [InlineData("schedule", "next", "--help")]
    [InlineData("events", "-h")]
    [InlineData("events", "test-pattern", "--help")]
    [InlineData("crds", "--help")]
    [InlineData("completion", "--help")]
    [InlineData("help", "schedule", "next")]
    public void Run_HelpOnEveryCommand_UsageOnStdoutExitZero(params string[] args)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(string.Empty, error);
        var path = string.Join(' ', args.Where(a => a is not ("--help" or "-h" or "help")).Prepend("ecsonk8s"));
        Assert.Contains($"Usage:\n  {path}", output, StringComparison.Ordinal);
        Assert.Contains("-h, --help", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HelpOfTheRoot_ListsEveryCommand()
    {
        var (_, output, _) = Run("--help");

        foreach (var command in new[] { "convert", "schedule", "events", "crds", "completion" })
        {
            Assert.Matches($@"\n  {command} +\S", output);
        }
    }

    // Spelled the way other tools take them: --flag=value, -n for --namespace, -o for --output.
    [Fact]
    public void Run_FlagEqualsValueAndShortNames_SameAsTheLongForm()
    {
        var td = TaskDefinitionFile();

        var longForm = Run("convert", td, "--namespace", "shop", "--to", "crds", "--report", "json");
        var equals = Run("convert", td, "--namespace=shop", "--to=crds", "--report=json");
        var shortForm = Run("convert", td, "-n", "shop", "--to", "crds", "--report", "json");

        Assert.Equal(Program.ExitOk, longForm.Exit);
        Assert.Contains("namespace: shop", longForm.Out, StringComparison.Ordinal);
        Assert.Equal(longForm, equals);
        Assert.Equal(longForm, shortForm);
    }

    [Fact]
    public void Run_ScheduleWithEqualsValues_SameAsSpaced()
    {
        var spaced = Run("schedule", "next", "rate(1 hour)", "--after", "2026-12-07T10:00:00Z", "--count", "2");
        var equals = Run("schedule", "next", "rate(1 hour)", "--after=2026-12-07T10:00:00Z", "--count=2");

        Assert.Equal(Program.ExitOk, spaced.Exit);
        Assert.Equal("2026-12-07T11:00:00+00:00\n2026-12-07T12:00:00+00:00\n", spaced.Out);
        Assert.Equal(spaced, equals);
    }

    // A usage error: exit 2, the command and the reason on stderr, its synopsis, nothing on stdout, no stack trace.
    [Theory]
    [InlineData("ecsonk8s: Required command was not provided.")]
    [InlineData("ecsonk8s: 'conert': did you mean 'convert'?", "conert")]
    [InlineData("ecsonk8s convert: a task definition file (TASKDEF, or '-' for stdin) is required", "convert")]
    [InlineData("ecsonk8s convert: Unrecognized command or argument '--bogus'.", "convert", "--bogus")]
    [InlineData("ecsonk8s convert: Unrecognized command or argument '--servce'; did you mean '--service'?", "convert", "--servce", "TD")]
    [InlineData("ecsonk8s convert: '--servce': did you mean '--service'?", "convert", "TD", "--servce", "x.json")]
    [InlineData("ecsonk8s convert: '--namspace': did you mean '--namespace'?", "convert", "TD", "--namspace=shop")]
    [InlineData("ecsonk8s convert: --to must be manifests or crds, not 'helm'", "convert", "TD", "--to=helm")]
    [InlineData("ecsonk8s convert: --report must be table, full or json, not 'xml'", "convert", "TD", "--report", "xml")]
    [InlineData("ecsonk8s convert: --namespace 'Shop' is not a valid namespace name", "convert", "TD", "-n", "Shop")]
    [InlineData("ecsonk8s convert: Required argument missing for option: '--service'.", "convert", "TD", "--service")]
    [InlineData("ecsonk8s convert: give at most one of --service, --run-task and --schedule", "convert", "TD", "--service", "TD", "--run-task", "TD")]
    [InlineData("ecsonk8s schedule next: --count must be a whole number from 1 to 100000, not 'ten'", "schedule", "next", "rate(1 hour)", "--count", "ten")]
    [InlineData("ecsonk8s crds: Unrecognized command or argument '--outt'.", "crds", "--outt", "x")]
    [InlineData("ecsonk8s completion: SHELL must be bash or zsh, not 'fish'", "completion", "fish")]
    public void Run_UsageError_ExitTwoWithTheReason(string expected, params string[] args)
    {
        var td = TaskDefinitionFile();

        var (exit, output, error) = Run([.. args.Select(a => a == "TD" ? td : a)]);

        Assert.Equal(Program.ExitUsage, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(expected + "\n", error, StringComparison.Ordinal);
        Assert.Matches(@"\nusage: ecsonk8s[a-z -]*( <[A-Za-z]+>)*( \[options\])?\nSee 'ecsonk8s[a-z -]* --help'\.\n$", "\n" + error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    // @FILE is a value of events test-pattern, never a response file to expand.
    [Fact]
    public void Run_AtFileValue_NotAResponseFile()
    {
        var pattern = Path.Combine(_dir, "pattern.json");
        File.WriteAllText(pattern, """{"source": ["aws.ecs"]}""");

        var (exit, output, error) = Run("events", "test-pattern", $"--event-pattern=@{pattern}", "--event", """{"source": "aws.ecs"}""");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal("true\n", output);
    }

    // What shells (dotnet-suggest, or the script of `ecsonk8s completion`) ask: [suggest:POSITION] "LINE".
    [Theory]
    [InlineData("conv", "convert")]
    [InlineData("", "schedule")]
    [InlineData("convert td.json --ser", "--service", "--service-name")]
    [InlineData("convert td.json --to ", "crds", "manifests")]
    [InlineData("convert td.json --report ", "full", "json", "table")]
    [InlineData("events ", "test-pattern")]
    [InlineData("completion ", "bash", "zsh")]
    public void Run_SuggestDirective_CompletesCommandsOptionsAndValues(string line, params string[] expected)
    {
        var (exit, output, _) = Run($"[suggest:{line.Length}]", line);

        Assert.Equal(Program.ExitOk, exit);
        var suggestions = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(expected, e => Assert.Contains(e, suggestions));
        if (line.EndsWith("--ser", StringComparison.Ordinal))
        {
            Assert.Equal(expected, suggestions);
        }
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void Run_Completion_ScriptThatCallsTheSuggestDirective(string shell)
    {
        var (exit, output, _) = Run("completion", shell);

        Assert.Equal(Program.ExitOk, exit);
        Assert.Contains("\"[suggest:${#rest}]\" \"$rest\"", output, StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _ecsonk8s_complete ecsonk8s", output, StringComparison.Ordinal);
        Assert.Equal(shell == "zsh", output.StartsWith("autoload -U +X bashcompinit && bashcompinit\n", StringComparison.Ordinal));
    }

    // The Makefile's two calls keep their meaning.
    [Fact]
    public void Run_CrdsOutAndCheck_WriteThenAgree()
    {
        var folder = Path.Combine(_dir, "crds");

        var (written, writeOutput, _) = Run("crds", "--out", folder);
        var (checkedExit, _, checkError) = Run("crds", "--check", folder);
        File.AppendAllText(Directory.GetFiles(folder)[0], "# edited\n");
        var (staleExit, _, staleError) = Run("crds", "--check", folder);

        Assert.Equal(Program.ExitOk, written);
        Assert.Contains($"wrote {folder}", writeOutput, StringComparison.Ordinal);
        Assert.Equal(Program.ExitOk, checkedExit);
        Assert.Equal(string.Empty, checkError);
        Assert.Equal(Program.ExitRejected, staleExit);
        Assert.Contains("is stale: run 'make crds'", staleError, StringComparison.Ordinal);
    }
}
