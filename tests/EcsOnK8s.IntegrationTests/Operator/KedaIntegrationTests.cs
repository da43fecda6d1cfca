using System.Net;
using System.Text.Json;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// KEDA found by discovery while the operator runs: with its CRDs installed (minimal fixtures written from KEDA's
/// published group, names and versions) an auto scaled service gets a ScaledObject on the EcsService and loses the
/// operator's HPA; with them removed the HPA comes back. Discovery runs every second here.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class KedaIntegrationTests(KubeFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] CrdNames = ["scaledobjects.keda.sh", "triggerauthentications.keda.sh"];

    private const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec:
          capacityProviders: [{name: FARGATE}]
        """;

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: worker}
        spec:
          family: worker
          taskRoleArn: arn:aws:iam::123456789012:role/worker-task
          containerDefinitions:
          - {name: app, image: "busybox:1.36", memory: 64}
        """;

    private const string Service = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: worker}
        spec:
          taskDefinition: worker
          desiredCount: 2
          launchType: FARGATE
          autoScaling:
            minCapacity: 1
            maxCapacity: 6
            targetTrackingPolicies:
            - {targetValue: 60, predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}}
            - targetValue: 20
              customizedMetricSpecification:
                namespace: AWS/SQS
                metricName: ApproximateNumberOfMessagesVisible
                dimensions: [{name: QueueName, value: jobs}]
        """;

    [Fact]
    public async Task KedaCrdsInstalledThenRemoved_ScaledObjectReplacesTheHpaAndTheHpaComesBack()
    {
        await RemoveKedaAsync();
        try
        {
            await using var s = await OperatorScenario.StartAsync(fixture, "op-keda", "--discovery-interval", "1s", "--events-region", "eu-west-1", "--events-account", "123456789012");
            await s.CreateAsync<EcsCluster>(Cluster);
            await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
            await s.CreateAsync<EcsService>(Service);

            // Without KEDA: the operator's HPA on the EcsService.
            var hpa = await OperatorScenario.EventuallyAsync(() => GetAsync(s, "autoscaling", "v2beta2", "horizontalpodautoscalers", "worker"), h => h is not null, "the operator's HPA");
            Assert.Equal("EcsService", hpa!.Value.GetProperty("spec").GetProperty("scaleTargetRef").GetProperty("kind").GetString());

            // Discoveries that find what the last one found re-render nothing: no reconcile at all.
            var refresher = s.Services.GetRequiredService<CapabilitiesRefresher>();
            await s.IdleAsync();
            var reconciles = s.Reconciles("ecsservice");
            var refreshes = refresher.Refreshes;
            await Eventually.TrueAsync(() => refresher.Refreshes >= refreshes + 3, "three more discoveries", OperatorScenario.Patience);
            await s.IdleAsync();
            Assert.Equal(reconciles, s.Reconciles("ecsservice"));
            output.WriteLine($"{refresher.Refreshes - refreshes} discoveries without a change: {s.Reconciles("ecsservice") - reconciles} service reconciles");

            // KEDA installed: the ScaledObject (accepted by server-side apply) and its TriggerAuthentication; the HPA goes.
            foreach (var crd in await CustomResourceDefinitions.LoadDirectoryAsync(RepositoryRoot.Combine("tests", "EcsOnK8s.IntegrationTests", "Fixtures", "keda")))
            {
                await CustomResourceDefinitions.InstallAsync(fixture.Client, crd);
            }

            var installed = DateTimeOffset.UtcNow;
            var scaled = await OperatorScenario.EventuallyAsync(() => GetAsync(s, "keda.sh", "v1alpha1", "scaledobjects", "worker"), o => o is not null, "the ScaledObject");
            output.WriteLine($"ScaledObject seen {(DateTimeOffset.UtcNow - installed).TotalSeconds:F1} s after the CRDs were established");
            var spec = scaled!.Value.GetProperty("spec");
            Assert.Equal(("ecsonk8s.io/v1alpha1", "EcsService", "worker"), (
                spec.GetProperty("scaleTargetRef").GetProperty("apiVersion").GetString(),
                spec.GetProperty("scaleTargetRef").GetProperty("kind").GetString(),
                spec.GetProperty("scaleTargetRef").GetProperty("name").GetString()));
            Assert.Equal((1, 6), (spec.GetProperty("minReplicaCount").GetInt32(), spec.GetProperty("maxReplicaCount").GetInt32()));
            var triggers = spec.GetProperty("triggers").EnumerateArray().ToList();
            Assert.Equal(["cpu", "aws-sqs-queue"], triggers.Select(t => t.GetProperty("type").GetString()));
            Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs", triggers[1].GetProperty("metadata").GetProperty("queueURL").GetString());
            var owner = Assert.Single(scaled.Value.GetProperty("metadata").GetProperty("ownerReferences").EnumerateArray());
            Assert.Equal(("EcsService", "worker", true), (owner.GetProperty("kind").GetString(), owner.GetProperty("name").GetString(), owner.GetProperty("controller").GetBoolean()));
            var authentication = await OperatorScenario.EventuallyAsync(() => GetAsync(s, "keda.sh", "v1alpha1", "triggerauthentications", "worker-aws"), o => o is not null, "the TriggerAuthentication");
            Assert.Equal("arn:aws:iam::123456789012:role/worker-task", authentication!.Value.GetProperty("spec").GetProperty("podIdentity").GetProperty("roleArn").GetString());
            await OperatorScenario.EventuallyAsync(() => GetAsync(s, "autoscaling", "v2beta2", "horizontalpodautoscalers", "worker"), h => h is null, "the operator's HPA deleted");

            // KEDA removed: its objects go with its CRDs, the operator's HPA comes back.
            var removed = DateTimeOffset.UtcNow;
            await RemoveKedaAsync();
            var back = await OperatorScenario.EventuallyAsync(() => GetAsync(s, "autoscaling", "v2beta2", "horizontalpodautoscalers", "worker"), h => h is not null, "the operator's HPA back");
            output.WriteLine($"HPA back (seen) {(DateTimeOffset.UtcNow - removed).TotalSeconds:F1} s after the CRDs' deletion was asked");
            Assert.Equal((1, 6), (back!.Value.GetProperty("spec").GetProperty("minReplicas").GetInt32(), back.Value.GetProperty("spec").GetProperty("maxReplicas").GetInt32()));
            var service = await OperatorScenario.EventuallyAsync(
                () => s.ServiceAsync("worker"),
                x => OperatorScenario.ConditionOf(x?.Status?.Conditions, "Degraded")?.Status != "True",
                "the service not degraded");
            Assert.NotNull(service);
        }
        finally
        {
            await RemoveKedaAsync();
        }
    }

    private static async Task<JsonElement?> GetAsync(OperatorScenario s, string group, string version, string plural, string name)
    {
        try
        {
            return await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(group, version, s.Namespace, plural, name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes KEDA's CRDs (left over or installed here) and waits until the API server no longer has them.</summary>
    private async Task RemoveKedaAsync()
    {
        foreach (var name in CrdNames)
        {
            try
            {
                await fixture.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(name);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }

        await Eventually.ValueAsync(
            () => fixture.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync(),
            crds => !crds.Items.Any(c => CrdNames.Contains(c.Metadata.Name)),
            "KEDA's CRDs gone",
            TimeSpan.FromSeconds(60));
    }
}
