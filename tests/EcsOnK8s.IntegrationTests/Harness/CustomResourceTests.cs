using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Harness;

/// <summary>
/// A throw-away CRD with status and scale subresources: the kube-apiserver build must handle custom resources
/// (the reflect2 fix), their scale subresource (what the HPA controller uses) and watches.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class CustomResourceTests : IAsyncLifetime
{
    private const string Group = "harness.ecsonk8s.io";
    private const string Version = "v1";
    private const string Plural = "widgets";

    private readonly KubeFixture _fixture;
    private string _namespace = string.Empty;

    public CustomResourceTests(KubeFixture fixture) => _fixture = fixture;

    public async Task InitializeAsync()
    {
        await CustomResourceDefinitions.InstallAsync(_fixture.Client, WidgetDefinition());
        _namespace = await _fixture.CreateNamespaceAsync("harness-widgets");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_WidgetCustomResource_CanBeReadBack()
    {
        await CreateWidgetAsync("read-back", replicas: 1);

        var widget = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Group, Version, _namespace, Plural, "read-back");

        Assert.Equal("read-back", widget.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(1, widget.GetProperty("spec").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task ReplaceScale_ThroughScaleSubresource_ChangesSpecReplicas()
    {
        await CreateWidgetAsync("scaled", replicas: 1);

        var scale = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<V1Scale>(Group, Version, _namespace, Plural, "scaled");
        Assert.Equal(1, scale.Spec.Replicas);
        scale.Spec.Replicas = 3;
        await _fixture.Client.CustomObjects.ReplaceNamespacedCustomObjectScaleAsync(scale, Group, Version, _namespace, Plural, "scaled");

        var widget = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Group, Version, _namespace, Plural, "scaled");
        Assert.Equal(3, widget.GetProperty("spec").GetProperty("replicas").GetInt32());
        var rescaled = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<V1Scale>(Group, Version, _namespace, Plural, "scaled");
        Assert.Equal(3, rescaled.Spec.Replicas);
    }

    [Fact]
    public async Task ReplaceStatus_ThroughStatusSubresource_ShowsInScaleStatus()
    {
        await CreateWidgetAsync("with-status", replicas: 2);
        var widget = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, Version, _namespace, Plural, "with-status");
        widget["status"] = new JsonObject { ["replicas"] = 2, ["selector"] = "app=with-status" };

        await _fixture.Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(widget, Group, Version, _namespace, Plural, "with-status");

        var scale = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<V1Scale>(Group, Version, _namespace, Plural, "with-status");
        Assert.Equal(2, scale.Status.Replicas);
        Assert.Equal("app=with-status", scale.Status.Selector);
    }

    [Fact]
    public async Task Watch_CreateThenScale_SeesAddedAndModified()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await CreateWidgetAsync("watched", replicas: 1);
        List<WatchEventType> seen = [];

        // A watch without resourceVersion starts with an ADDED event for each existing object.
        var events = _fixture.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            Group, Version, _namespace, Plural, cancellationToken: timeout.Token);
        await foreach (var (type, item) in events)
        {
            var element = Assert.IsType<JsonElement>(item);
            if (element.GetProperty("metadata").GetProperty("name").GetString() != "watched")
            {
                continue;
            }

            seen.Add(type);
            if (type == WatchEventType.Added)
            {
                var scale = await _fixture.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<V1Scale>(
                    Group, Version, _namespace, Plural, "watched", timeout.Token);
                scale.Spec.Replicas = 2;
                await _fixture.Client.CustomObjects.ReplaceNamespacedCustomObjectScaleAsync(
                    scale, Group, Version, _namespace, Plural, "watched", cancellationToken: timeout.Token);
            }
            else
            {
                Assert.Equal(2, element.GetProperty("spec").GetProperty("replicas").GetInt32());
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified], seen);
    }

    private async Task CreateWidgetAsync(string name, int replicas)
    {
        var widget = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
        await _fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, Group, Version, _namespace, Plural);
    }

    private static V1CustomResourceDefinition WidgetDefinition() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{Plural}.{Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = Plural, Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources
                    {
                        Status = new object(),
                        Scale = new V1CustomResourceSubresourceScale
                        {
                            SpecReplicasPath = ".spec.replicas",
                            StatusReplicasPath = ".status.replicas",
                            LabelSelectorPath = ".status.selector",
                        },
                    },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps> { ["replicas"] = new() { Type = "integer" } },
                                },
                                ["status"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["replicas"] = new() { Type = "integer" },
                                        ["selector"] = new() { Type = "string" },
                                    },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };
}
