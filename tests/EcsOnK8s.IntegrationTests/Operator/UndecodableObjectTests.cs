using System.Net;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// Objects the operator's model cannot hold (numbers past Int32): the CRDs refuse them, and those stored before the
/// CRDs had bounds stop nothing: the operator watching every namespace goes on reconciling the others and marks
/// the bad objects with a condition naming the field.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class UndecodableObjectTests(KubeFixture fixture)
{
    // Kubernetes 1.20 names a field in a list without its index.
    [Theory]
    [InlineData("ecstaskdefinitions", """{"containerDefinitions": [{"name": "app", "image": "nginx", "ulimits": [{"name": "nofile", "softLimit": 2147483648, "hardLimit": 4096}]}]}""", "spec.containerDefinitions.ulimits.softLimit")]
    [InlineData("ecsservices", """{"taskDefinition": "web", "deploymentConfiguration": {"bakeTimeInMinutes": 2147483648}}""", "spec.deploymentConfiguration.bakeTimeInMinutes")]
    [InlineData("ecsservices", """{"taskDefinition": "web", "deploymentConfiguration": {"bakeTimeInMinutes": 1441}}""", "spec.deploymentConfiguration.bakeTimeInMinutes")]
    public async Task Create_NumberOutOfBounds_RefusedNamingTheField(string plural, string spec, string field)
    {
        var ns = await fixture.CreateNamespaceAsync("bounds");
        var kind = plural == "ecsservices" ? "EcsService" : "EcsTaskDefinition";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateRawAsync(ns, plural, kind, "too-big", spec));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.True(error.Response.Content.Contains(field, StringComparison.Ordinal), error.Response.Content);
    }

    [Fact]
    public async Task Operator_UnreadableTaskDefinitionAndServiceStoredBeforeBounds_OtherNamespacesRunAndBadObjectsMarked()
    {
        // The objects are stored as an older operator version allowed: under CRDs without bounds.
        await InstallCrdsAsync(bounded: false);
        var a = await fixture.CreateNamespaceAsync("poison-a");
        var b = await fixture.CreateNamespaceAsync("poison-b");
        try
        {
            await CreateRawAsync(a, "ecsclusters", "EcsCluster", "default", "{}");
            await CreateRawAsync(a, "ecstaskdefinitions", "EcsTaskDefinition", "web", """{"containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");
            await CreateRawAsync(a, "ecstaskdefinitions", "EcsTaskDefinition", "limits", """
                {"containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128, "ulimits": [{"name": "nofile", "softLimit": 2147483648, "hardLimit": 4096}]}]}
                """);
            await CreateRawAsync(a, "ecsservices", "EcsService", "api", """
                {"taskDefinition": "web", "desiredCount": 1, "deploymentConfiguration": {"bakeTimeInMinutes": 2147483648}}
                """);

            // Every namespace, as the operator is deployed by default.
            await using var host = await OperatorHostHarness.StartAsync(fixture.KubeconfigPath, "--leader-election", "false");
            host.Probe.AllowSync();
            await CreateRawAsync(b, "ecsclusters", "EcsCluster", "default", "{}");
            await CreateRawAsync(b, "ecstaskdefinitions", "EcsTaskDefinition", "web", """{"containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}""");
            await CreateRawAsync(b, "ecsservices", "EcsService", "web", """{"taskDefinition": "web", "desiredCount": 1}""");

            await OperatorScenario.EventuallyAsync(() => DeploymentAsync(b, "web"), d => d is not null, "the Deployment of the valid service in the other namespace");
            var limits = await EventuallyDegradedAsync(a, "ecstaskdefinitions", "limits");
            var api = await EventuallyDegradedAsync(a, "ecsservices", "api");
            Assert.Contains("spec.containerDefinitions[0].ulimits[0].softLimit", limits["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("spec.deploymentConfiguration.bakeTimeInMinutes", api["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(1, api["observedGeneration"]!.GetValue<long>());
            await OperatorScenario.EventuallyAsync(
                async () => (await fixture.Client.CoreV1.ListNamespacedEventAsync(a)).Items,
                events => events.Any(e => e.Reason == ConditionReasons.Undecodable && e.InvolvedObject.Name == "api" && e.Type == "Warning"),
                "a Warning event on the unreadable service");
            Assert.Null(await DeploymentAsync(a, "api"));

            // Reported once: the update its own condition caused is not reported again (in a loop). A later service's
            // Deployment is the sentinel that the operator has moved on.
            var reportedVersion = await ResourceVersionAsync(a, "ecsservices", "api");
            await CreateRawAsync(b, "ecsservices", "EcsService", "sentinel", """{"taskDefinition": "web", "desiredCount": 1}""");
            await OperatorScenario.EventuallyAsync(() => DeploymentAsync(b, "sentinel"), d => d is not null, "the sentinel Deployment");
            Assert.Equal(reportedVersion, await ResourceVersionAsync(a, "ecsservices", "api"));
            Assert.Single((await fixture.Client.CoreV1.ListNamespacedEventAsync(a)).Items, e => e.Reason == ConditionReasons.Undecodable && e.InvolvedObject.Name == "api");

            // Fixed, both come back without a restart.
            await PatchAsync(a, "ecsservices", "api", """{"spec": {"deploymentConfiguration": {"bakeTimeInMinutes": 5}}}""");
            await PatchAsync(a, "ecstaskdefinitions", "limits", """{"spec": {"containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128, "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}]}]}}""");
            await OperatorScenario.EventuallyAsync(() => DeploymentAsync(a, "api"), d => d is not null, "the Deployment of the fixed service");
            await OperatorScenario.EventuallyAsync(
                () => ConditionAsync(a, "ecstaskdefinitions", "limits", ConditionTypes.Ready),
                c => c?["status"]?.GetValue<string>() == "True",
                "the fixed task definition Ready");

            // A deleted unreadable object is forgotten; the watch goes on.
            await CreateRawAsync(a, "ecsservices", "EcsService", "gone", """{"taskDefinition": "web", "desiredCount": 1, "deploymentConfiguration": {"bakeTimeInMinutes": 2147483648}}""");
            await EventuallyDegradedAsync(a, "ecsservices", "gone");
            await fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(EcsApi.Group, EcsApi.Version, a, "ecsservices", "gone");
            await CreateRawAsync(a, "ecsservices", "EcsService", "after", """{"taskDefinition": "web", "desiredCount": 1}""");
            await OperatorScenario.EventuallyAsync(() => DeploymentAsync(a, "after"), d => d is not null, "the Deployment of a service created after the deletion");
        }
        finally
        {
            await InstallCrdsAsync(bounded: true);
        }
    }

    [Fact]
    public async Task Operator_UnreadableObjectThenBoundedCrdsInstalled_WarningEventNamesTheField()
    {
        // As after an upgrade: the object predates the bounds, which now refuse any write of it, its status included.
        await InstallCrdsAsync(bounded: false);
        var ns = await fixture.CreateNamespaceAsync("poison-upgrade");
        try
        {
            await CreateRawAsync(ns, "ecsservices", "EcsService", "api", """
                {"taskDefinition": "web", "desiredCount": 1, "deploymentConfiguration": {"bakeTimeInMinutes": 2147483648}}
                """);
            await InstallCrdsAsync(bounded: true);

            await using var host = await OperatorHostHarness.StartAsync(fixture.KubeconfigPath, "--namespaces", ns, "--leader-election", "false");
            host.Probe.AllowSync();

            var events = await OperatorScenario.EventuallyAsync(
                async () => (await fixture.Client.CoreV1.ListNamespacedEventAsync(ns)).Items,
                items => items.Any(e => e.Reason == ConditionReasons.Undecodable && e.InvolvedObject.Name == "api"),
                "a Warning event on the unreadable service");
            var warning = events.Single(e => e.Reason == ConditionReasons.Undecodable);
            Assert.Equal("Warning", warning.Type);
            Assert.Contains("spec.deploymentConfiguration.bakeTimeInMinutes", warning.Message, StringComparison.Ordinal);
            Assert.Null(await ConditionAsync(ns, "ecsservices", "api", ConditionTypes.Degraded));
        }
        finally
        {
            await InstallCrdsAsync(bounded: true);
        }
    }

    private async Task<JsonNode> EventuallyDegradedAsync(string ns, string plural, string name) =>
        (await OperatorScenario.EventuallyAsync(
            () => ConditionAsync(ns, plural, name, ConditionTypes.Degraded),
            c => c?["reason"]?.GetValue<string>() == ConditionReasons.Undecodable && c["status"]?.GetValue<string>() == "True",
            $"{plural}/{name} Degraded for an unreadable field"))!;

    private async Task<string> ResourceVersionAsync(string ns, string plural, string name)
    {
        var found = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(EcsApi.Group, EcsApi.Version, ns, plural, name);
        return found["metadata"]!["resourceVersion"]!.GetValue<string>();
    }

    private async Task<JsonNode?> ConditionAsync(string ns, string plural, string name, string type)
    {
        var found = await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(EcsApi.Group, EcsApi.Version, ns, plural, name);
        return found["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);
    }

    private async Task<V1Deployment?> DeploymentAsync(string ns, string name)
    {
        try
        {
            return await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<object> CreateRawAsync(string ns, string plural, string kind, string name, string spec) =>
        fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = EcsApi.ApiVersion,
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = JsonNode.Parse(spec),
            },
            EcsApi.Group, EcsApi.Version, ns, plural);

    private Task<object> PatchAsync(string ns, string plural, string name, string patch) =>
        fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), EcsApi.Group, EcsApi.Version, ns, plural, name);

    /// <summary>The generated CRDs, or the same without any minimum or maximum (as they were before integers had bounds).</summary>
    private async Task InstallCrdsAsync(bool bounded)
    {
        var docs = XmlDocumentation.For(typeof(CrdGenerator).Assembly);
        foreach (var type in CrdGenerator.ResourceTypes)
        {
            var crd = CrdGenerator.Generate(type, docs);
            if (!bounded)
            {
                foreach (var version in crd.Spec.Versions)
                {
                    Unbound(version.Schema.OpenAPIV3Schema);
                }
            }

            await CustomResourceDefinitions.InstallAsync(fixture.Client, crd);
        }

        // The API server serves a new schema shortly after the CRD is Established: wait until it applies it.
        await OperatorScenario.EventuallyAsync(
            async () => await AcceptsAsync(),
            accepted => accepted == !bounded,
            bounded ? "the bounded CRDs in force" : "the unbounded CRDs in force");
    }

    private async Task<bool> AcceptsAsync()
    {
        var ns = "default";
        var name = $"probe-{Guid.NewGuid():N}"[..20];
        try
        {
            await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
                new JsonObject
                {
                    ["apiVersion"] = EcsApi.ApiVersion,
                    ["kind"] = "EcsService",
                    ["metadata"] = new JsonObject { ["name"] = name },
                    ["spec"] = new JsonObject { ["taskDefinition"] = "probe", ["deploymentConfiguration"] = new JsonObject { ["bakeTimeInMinutes"] = 1441 } },
                },
                EcsApi.Group, EcsApi.Version, ns, "ecsservices",
                dryRun: "All");
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return false;
        }
    }

    private static void Unbound(V1JSONSchemaProps? schema)
    {
        if (schema is null)
        {
            return;
        }

        schema.Minimum = null;
        schema.Maximum = null;
        schema.ExclusiveMaximum = null;
        foreach (var property in schema.Properties?.Values ?? [])
        {
            Unbound(property);
        }

        Unbound(schema.Items as V1JSONSchemaProps);
        Unbound(schema.AdditionalProperties as V1JSONSchemaProps);
    }
}
