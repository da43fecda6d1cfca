using EcsOnK8s.Testing.Common;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.Testing;
using k8s;
using k8s.Autorest;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Api;

/// <summary>
/// The generated CRDs against a real kube-apiserver: they are Established, their schemas keep every field of the
/// task definition corpus and the samples (nothing pruned), and kubectl explain shows the field documentation.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class CrdApiServerTests
{
    private static readonly string _apiTestsFolder = RepositoryRoot.Combine("tests", "EcsOnK8s.Api.Tests");

    private readonly KubeFixture _fixture;

    public CrdApiServerTests(KubeFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string> CorpusDocuments
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var folder in new[] { "TaskDefinitions", "Services", "Tasks", "ScheduledTasks", "EventRules" })
            {
                foreach (var file in Directory.EnumerateFiles(Path.Combine(_apiTestsFolder, folder), "*.json").Order(StringComparer.Ordinal))
                {
                    data.Add(folder, Path.GetFileName(file));
                }
            }

            return data;
        }
    }

    public static TheoryData<string> SampleFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("samples"), "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    [Fact]
    public async Task Crds_AllKinds_AreEstablishedWithAcceptedNames()
    {
        foreach (var type in CrdGenerator.ResourceTypes)
        {
            var entity = type.GetCustomAttributes(typeof(k8s.Models.KubernetesEntityAttribute), false).Cast<k8s.Models.KubernetesEntityAttribute>().Single();
            var crd = await _fixture.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"{entity.PluralName}.{EcsApi.Group}");

            Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
            Assert.Contains(crd.Status.Conditions, c => c.Type == "NamesAccepted" && c.Status == "True");
            Assert.Contains("ecs", crd.Status.AcceptedNames.Categories);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusDocuments))]
    public async Task Create_CorpusDocumentAsSpec_ReadBackWithNoFieldPruned(string folder, string fileName)
    {
        var (plural, kind) = folder switch
        {
            "TaskDefinitions" => ("ecstaskdefinitions", "EcsTaskDefinition"),
            "Services" => ("ecsservices", "EcsService"),
            "Tasks" => ("ecstasks", "EcsTask"),
            "ScheduledTasks" => ("ecsscheduledtasks", "EcsScheduledTask"),
            _ => ("ecseventrules", "EcsEventRule"),
        };
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_apiTestsFolder, folder, fileName)))!;
        var ns = await _fixture.CreateNamespaceAsync("api-corpus");
        var name = Path.GetFileNameWithoutExtension(fileName);
        var body = new JsonObject
        {
            ["apiVersion"] = EcsApi.ApiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec.DeepClone(),
        };

        await CreateAsync(body, ns, plural);
        var stored = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(EcsApi.Group, EcsApi.Version, ns, plural, name);

        AssertSameSpec(kind, spec, stored["spec"], $"{folder}/{fileName}");
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Create_Sample_AcceptedAndNoFieldPruned(string fileName)
    {
        var documents = YamlDocuments.Read(await File.ReadAllTextAsync(RepositoryRoot.Combine("samples", fileName)));
        var ns = await _fixture.CreateNamespaceAsync("api-samples");
        Assert.NotEmpty(documents);

        foreach (var document in documents)
        {
            var kind = document["kind"]!.GetValue<string>();
            var plural = kind.ToLowerInvariant() + "s";
            var name = document["metadata"]!["name"]!.GetValue<string>();
            Assert.Equal(EcsApi.ApiVersion, document["apiVersion"]!.GetValue<string>());

            await CreateAsync(document, ns, plural);
            var stored = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(EcsApi.Group, EcsApi.Version, ns, plural, name);

            AssertSameSpec(kind, document["spec"], stored["spec"], $"samples/{fileName} {kind}/{name}");
        }
    }

    [Fact]
    public async Task KubectlExplain_DesiredCount_ShowsTheFieldDescription()
    {
        var (exitCode, output, error) = await ExplainAsync("ecsservice.spec.desiredCount");

        Assert.True(exitCode == 0, $"kubectl explain failed ({exitCode}): {error}");
        Assert.Contains("Number of tasks to keep running", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlExplain_TaskDefinitionContainer_ListsEcsFieldNames()
    {
        var (exitCode, output, error) = await ExplainAsync("ecstaskdefinition.spec.containerDefinitions");

        Assert.True(exitCode == 0, $"kubectl explain failed ({exitCode}): {error}");
        Assert.Contains("memoryReservation", output, StringComparison.Ordinal);
        Assert.Contains("firelensConfiguration", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duplicate-ids", """[{"id": "a", "http": {"url": "http://x"}}, {"id": "a", "http": {"url": "http://y"}}]""", "Duplicate value")]
    [InlineData("six-targets", """[{"id": "1"}, {"id": "2"}, {"id": "3"}, {"id": "4"}, {"id": "5"}, {"id": "6"}]""", "at most 5 items")]
    [InlineData("no-targets", "[]", "at least 1 items")]
    [InlineData("no-id", """[{"http": {"url": "http://x"}}]""", "Required value")]
    public async Task Create_EventRuleWithBadTargets_RefusedByTheApiServer(string name, string targets, string reason)
    {
        var ns = await _fixture.CreateNamespaceAsync("api-rules");
        var body = new JsonObject
        {
            ["apiVersion"] = EcsApi.ApiVersion,
            ["kind"] = "EcsEventRule",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["eventPattern"] = new JsonObject { ["source"] = new JsonArray("aws.s3") }, ["targets"] = JsonNode.Parse(targets) },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => _fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, EcsApi.Group, EcsApi.Version, ns, "ecseventrules"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains(reason, error.Response.Content, StringComparison.Ordinal);
    }

    private async Task CreateAsync(JsonObject body, string ns, string plural)
    {
        try
        {
            await _fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, EcsApi.Group, EcsApi.Version, ns, plural);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            throw new InvalidOperationException($"the API server rejected {plural}/{body["metadata"]?["name"]}: {e.Response.Content}", e);
        }
    }

    private static void AssertSameSpec(string kind, JsonNode? expected, JsonNode? actual, string what)
    {
        // The API server prunes what the schema does not declare and fills in the schema's defaults: equal trees
        // (once the defaults are added to what was sent) prove nothing was pruned and only those defaults were added.
        var type = CrdGenerator.ResourceTypes.Single(t => t.Name == kind);
        var schema = CrdGenerator.Generate(type, XmlDocumentation.For(type.Assembly)).Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];
        var withDefaults = expected?.DeepClone();
        AddDefaults(withDefaults, schema);
        Assert.True(JsonNode.DeepEquals(withDefaults, actual), $"{what}: the stored spec differs from the one sent.\nsent:   {withDefaults?.ToJsonString()}\nstored: {actual?.ToJsonString()}");
    }

    private static void AddDefaults(JsonNode? node, k8s.Models.V1JSONSchemaProps schema)
    {
        if (node is JsonObject obj && schema.Properties is { } properties)
        {
            foreach (var (name, property) in properties)
            {
                if (obj[name] is { } child)
                {
                    AddDefaults(child, property);
                }
                else if (property.DefaultProperty is { } value)
                {
                    obj[name] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(value));
                }
            }
        }
        else if (node is JsonArray array && schema.Items is k8s.Models.V1JSONSchemaProps items)
        {
            foreach (var item in array)
            {
                AddDefaults(item, items);
            }
        }
    }

    /// <summary>
    /// kubectl explain reads the API server's OpenAPI document, which publishes a new CRD's schema a few seconds
    /// after the CRD is Established: retry until it is there.
    /// </summary>
    private Task<(int ExitCode, string Output, string Error)> ExplainAsync(string field) =>
        Eventually.ValueAsync(
            () => RunKubectlAsync("explain", field),
            result => result.ExitCode == 0 || !result.Error.Contains("couldn't find resource", StringComparison.Ordinal),
            $"kubectl explain {field} to find the resource",
            TimeSpan.FromSeconds(60),
            poll: TimeSpan.FromSeconds(1),
            describe: result => $"exit code {result.ExitCode}: {result.Error}");

    private async Task<(int ExitCode, string Output, string Error)> RunKubectlAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Kubectl.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--kubeconfig");
        startInfo.ArgumentList.Add(_fixture.KubeconfigPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {Kubectl.Path}");
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
