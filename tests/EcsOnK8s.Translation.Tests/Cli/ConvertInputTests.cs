using System.Text.RegularExpressions;
using EcsOnK8s.Cli;
using EcsOnK8s.Cli.Commands;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Cli;

/// <summary>What <c>convert</c> accepts besides register-task-definition JSON, and how its report reads.</summary>
public sealed class ConvertInputTests : IDisposable
{
    private const string Json = """
        {"family": "web", "cpu": "256", "memory": "512", "networkMode": "awsvpc",
         "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": true,
           "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
           "environment": [{"name": "PORT", "value": "8080"}, {"name": "DEBUG", "value": "false"}]}]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("convert-input-").FullName;

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

    // The same task definition as YAML (unquoted numbers and booleans where ECS takes strings, as people write
    // YAML) renders the same manifests as the JSON.
    [Theory]
    [InlineData("td.yaml")]
    [InlineData("td.txt")]
    public void Run_Yaml_SameManifestsAsJson(string name)
    {
        var yaml = Write(name, """
            # aws ecs register-task-definition --generate-cli-skeleton yaml-input, filled in
            family: web
            cpu: 256
            memory: 512
            networkMode: awsvpc
            containerDefinitions:
              - name: app
                image: nginx:1.27
                essential: true
                portMappings:
                  - containerPort: 8080
                    protocol: tcp
                environment:
                  - name: PORT
                    value: 8080
                  - name: DEBUG
                    value: false
            """);

        var fromJson = Run(Write("td.json", Json));
        var fromYaml = Run(yaml);

        Assert.Equal(Program.ExitOk, fromJson.Exit);
        Assert.Equal(Program.ExitOk, fromYaml.Exit);
        Assert.Equal(fromJson.Out, fromYaml.Out);
        Assert.Equal(fromJson.Err, fromYaml.Err);
    }

    [Theory]
    [InlineData("family: web\n  bad: [\n", "td.yaml:2:6: malformed YAML")]
    [InlineData("family: web\n---\nfamily: api\n", "td.yaml: 2 YAML documents; give one per file")]
    [InlineData("family: web\ncontainerDefinitions:\n  - name: app\n    memory: lots\n", "td.yaml: $.containerDefinitions[0].memory: expected an integer")]
    public void Run_BadYaml_ExitOneNamingWhere(string yaml, string expected)
    {
        var (exit, output, error) = Run(Write("td.yaml", yaml));

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    // Terraform's aws_ecs_task_definition.container_definitions is the bare array; the family comes from --family.
    [Fact]
    public void Run_BareContainerDefinitionsWithFamily_SameAsTheWholeDocument()
    {
        var whole = Write("td.json", """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");
        var bare = Write("container_definitions.json", """[{"name": "app", "image": "nginx", "memory": 128}]""");

        var expected = Run(whole);
        var (exit, output, _) = Run(bare, "--family", "web");
        var (agreeing, _, _) = Run(whole, "--family", "web");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(expected.Out, output);
        Assert.Equal(Program.ExitOk, agreeing);
    }

    [Theory]
    [InlineData("""[{"name": "app", "image": "nginx", "memory": 128}]""", new string[0], "$: a bare containerDefinitions array (Terraform's container_definitions) needs --family")]
    [InlineData("""{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""", new[] { "--family", "api" }, "$.family: the document's family 'web' differs from --family 'api'")]
    [InlineData("""{"containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""", new string[0], "$.family: a task definition needs a family (or give --family)")]
    public void Run_FamilyMissingOrDisagreeing_ExitOne(string document, string[] extra, string expected)
    {
        var (exit, _, error) = Run([Write("td.json", document), .. extra]);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    // Console exports and templating tools write "" for an optional enum they do not set: unset, not refused.
    [Fact]
    public void Run_EmptyStringsForOptionalEnums_UnsetAndReported()
    {
        var plain = Write("plain.json", """
            {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128,
               "logConfiguration": {"logDriver": "awslogs", "options": {"mode": ""}}}]}
            """);
        var empty = Write("empty.json", """
            {"family": "web", "pidMode": "", "ipcMode": "", "networkMode": "",
             "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128, "versionConsistency": "",
               "logConfiguration": {"logDriver": "awslogs", "options": {"mode": ""}}}]}
            """);

        var expected = Run(plain);
        var (exit, output, error) = Run(empty, "--report", "json");

        Assert.Equal(Program.ExitOk, exit);
        Assert.Equal(expected.Out, output);
        foreach (var field in new[] { "pidMode", "ipcMode", "networkMode", "containerDefinitions[0].versionConsistency" })
        {
            Assert.Contains($"\"path\": \"taskDefinition.{field}\",\n      \"disposition\": \"Ignored\",\n      \"reason\": \"empty string: unset, as if the field were absent\"", error, StringComparison.Ordinal);
        }

        // A free-form value (a log option) is the user's: an empty string there is a value, not "unset".
        Assert.DoesNotContain("\"path\": \"taskDefinition.containerDefinitions[0].logConfiguration.options.mode\",\n      \"disposition\": \"Ignored\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownEnumValue_StillRejected()
    {
        var file = Write("td.json", """{"family": "web", "networkMode": "bogus", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");

        var (exit, _, error) = Run(file);

        Assert.Equal(Program.ExitRejected, exit);
        Assert.Contains("taskDefinition.networkMode", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("essental", "essential")]
    [InlineData("Image", "image")]
    [InlineData("portMapings", "portMappings")]
    [InlineData("memoryReservaton", "memoryReservation")]
    public void Run_UnknownFieldCloseToAKnownOne_DidYouMean(string typo, string known)
    {
        var file = Write("td.json", $$"""{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128, "{{typo}}": true}]}""");

        var (exit, _, error) = Run(file);

        Assert.Equal(Program.ExitOk, exit);
        Assert.Contains($"taskDefinition.containerDefinitions[0].{typo}", error, StringComparison.Ordinal);
        Assert.Contains($"unknown field: not part of the ECS API model, not translated; did you mean '{known}'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownFieldFarFromAnyKnownOne_NoSuggestion()
    {
        var file = Write("td.json", """{"family": "web", "frobnicate": 1, "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");

        var (_, _, error) = Run(file);

        Assert.Matches(@"taskDefinition\.frobnicate +Ignored +unknown field: not part of the ECS API model, not translated\n", error);
    }

    [Fact]
    public void Run_UnknownServiceField_SuggestsFromTheServiceModel()
    {
        var td = Write("td.json", """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");
        var service = Write("svc.json", """{"serviceName": "web", "desiredCont": 2}""");

        var (_, _, error) = Run(td, "--service", service);

        Assert.Contains("did you mean 'desiredCount'?", error, StringComparison.Ordinal);
    }

    // The default report is for reading: what is not plainly Mapped, and the summary of everything.
    [Fact]
    public void Run_DefaultReport_OnlyWhatIsNotPlainlyMappedPlusSummary()
    {
        var file = Write("td.json", Json.Replace("\"essential\": true", "\"essential\": true, \"frobnicate\": 1", StringComparison.Ordinal));

        var (_, _, table) = Run(file);
        var (_, _, full) = Run(file, "--report", "full");

        // Columns are as wide as the longest path listed: compare the lines with their padding collapsed.
        var tableLines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Replace(l, " {2,}", "  ")).ToList();
        var fullLines = full.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Replace(l, " {2,}", "  ")).ToList();
        Assert.DoesNotContain(tableLines, l => l.Contains("  Mapped  ", StringComparison.Ordinal));
        Assert.Contains(tableLines, l => l.Contains("frobnicate", StringComparison.Ordinal) && l.Contains("  Ignored  ", StringComparison.Ordinal));
        Assert.Contains(tableLines, l => l.Contains("  Approximated  ", StringComparison.Ordinal));
        Assert.Contains(fullLines, l => l.Contains("  Mapped  ", StringComparison.Ordinal));
        Assert.Equal(
            fullLines.Where(l => !l.Contains("  Mapped  ", StringComparison.Ordinal)).SkipLast(1),
            tableLines.SkipLast(1));
        var summary = fullLines[^1];
        Assert.Equal(summary + " (--report full lists the mapped fields too)", tableLines[^1]);
        var mapped = fullLines.Count(l => l.Contains("  Mapped  ", StringComparison.Ordinal));
        Assert.StartsWith($"{mapped} mapped, ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DefaultReportAllMapped_SummaryOnly()
    {
        var file = Write("td.json", """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");

        var (_, _, error) = Run(file);

        Assert.Matches(@"^\d+ mapped, 0 approximated, 0 ignored, 0 rejected \(--report full lists the mapped fields too\)\n$", error);
    }
}
