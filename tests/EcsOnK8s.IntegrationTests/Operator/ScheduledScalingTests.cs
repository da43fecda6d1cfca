using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>Application Auto Scaling's scheduled actions, run by the operator on the real clock against the API server.</summary>
[Collection(KubeCollection.Name)]
public sealed class ScheduledScalingTests(KubeFixture fixture, ITestOutputHelper output)
{
    // Late by at most this much: the requeue fires at the action's time; the rest is a loaded 2-core machine.
    private static readonly TimeSpan s_lateness = TimeSpan.FromSeconds(20);

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
        metadata: {name: web}
        spec:
          family: web
          containerDefinitions:
          - {name: app, image: "nginx:1.27", memory: 128}
        """;

    [Fact]
    public async Task ScheduledActions_AtTheirTimes_SetTheHpaBoundsAndTheNextSetsThemBack()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sched-scaling");
        // at() in New York wall-clock time: the action's time zone is honoured. Whole seconds, far enough ahead for
        // the operator to render the registered bounds first.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var now = DateTimeOffset.UtcNow;
        var up = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(40);
        var down = up.AddSeconds(40);
        string Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>($$$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsService
            metadata: {name: web}
            spec:
              taskDefinition: web
              desiredCount: 2
              launchType: FARGATE
              autoScaling:
                minCapacity: 1
                maxCapacity: 4
                targetTrackingPolicies: [{targetValue: 60, predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}}]
                scheduledActions:
                - {scheduledActionName: up, schedule: "at({{{Local(up)}}})", timezone: America/New_York, scalableTargetAction: {minCapacity: 3, maxCapacity: 8}}
                - {scheduledActionName: down, schedule: "at({{{Local(down)}}})", timezone: America/New_York, scalableTargetAction: {minCapacity: 1, maxCapacity: 4}}
            """);

        var before = await OperatorScenario.EventuallyAsync(() => HpaBoundsAsync(s), b => b is not null, "the HPA");
        Assert.True(DateTimeOffset.UtcNow < up, $"the test reached the first action late: {DateTimeOffset.UtcNow:O} >= {up:O}");
        Assert.Equal((1, 4), before);
        var pending = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.AutoScaling?.NextScheduledAction is not null, "the next scheduled action in the status");
        Assert.Equal(("up", up.UtcDateTime), (pending!.Status.AutoScaling!.NextScheduledAction!.ScheduledActionName, pending.Status.AutoScaling.NextScheduledAction.Time));

        // The first action: the HPA's bounds, and desiredCount 2 clamped to the new minimum 3 (no HPA controller
        // runs here to move desiredCount itself).
        await OperatorScenario.EventuallyAsync(() => HpaBoundsAsync(s), b => b == (3, 8), "the HPA at min 3, max 8", up - DateTimeOffset.UtcNow + s_lateness);
        output.WriteLine($"up: HPA seen changed {(DateTimeOffset.UtcNow - up).TotalSeconds:F2} s after the fire time (200 ms polls)");
        var scaled = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d?.Spec.Replicas == 3, "the Deployment at 3 replicas");
        Assert.NotNull(scaled);
        var upEvent = await ScalingEventAsync(s, "Successfully set min capacity to 3 and max capacity to 8", up);
        var status = (await s.ServiceAsync("web"))!.Status.AutoScaling!;
        Assert.Equal(("up", up.UtcDateTime, ScheduledActionRun.Successful), (status.LastScheduledAction!.ScheduledActionName, status.LastScheduledAction.Time, status.LastScheduledAction.StatusCode));
        Assert.Equal(("down", down.UtcDateTime), (status.NextScheduledAction!.ScheduledActionName, status.NextScheduledAction.Time));

        // The next action sets them back.
        await OperatorScenario.EventuallyAsync(() => HpaBoundsAsync(s), b => b == (1, 4), "the HPA back at min 1, max 4", down - DateTimeOffset.UtcNow + s_lateness);
        output.WriteLine($"down: HPA seen changed {(DateTimeOffset.UtcNow - down).TotalSeconds:F2} s after the fire time (200 ms polls)");
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d?.Spec.Replicas == 2, "the Deployment back at 2 replicas");
        var downEvent = await ScalingEventAsync(s, "Successfully set min capacity to 1 and max capacity to 4", down);
        var final = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"), x => x?.Status?.AutoScaling?.LastScheduledAction?.ScheduledActionName == "down", "the last scheduled action in the status");
        Assert.Null(final!.Status.AutoScaling!.NextScheduledAction);
        Assert.Equal((1, 4), (final.Status.AutoScaling.MinCapacity, final.Status.AutoScaling.MaxCapacity));

        // Once idle (no action left to wait for), each action was announced once, in Kubernetes Events and ECS
        // service events alike.
        await s.IdleAsync();
        var events = (await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items
            .Where(e => e.InvolvedObject.Name == "web" && e.Reason == EcsEvents.ScheduledActionSucceeded.Reason).ToList();
        Assert.Equal(2, events.Count);
        var serviceEvents = (await s.ServiceAsync("web"))!.Status.Events!.Where(e => e.Message!.StartsWith("Successfully set", StringComparison.Ordinal)).ToList();
        Assert.Equal([downEvent.Message, upEvent.Message], serviceEvents.Select(e => e.Message));
    }

    /// <summary>
    /// What keeps an announcement from being made twice: a status merge patch that names a resourceVersion writes
    /// nothing when it is the live one, and is refused when it is stale.
    /// </summary>
    [Fact]
    public async Task StatusPatchNamingTheResourceVersion_LiveWritesNothingStaleRefused()
    {
        var ns = await fixture.CreateNamespaceAsync("op-sched-precondition");
        var ecs = new EcsClient(fixture.Client);
        var service = KubernetesYaml.Deserialize<EcsService>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsService
            metadata: {name: web}
            spec: {taskDefinition: web}
            """);
        service.Metadata.NamespaceProperty = ns;
        var created = await ecs.CreateAsync(service);
        var stale = created.Metadata.ResourceVersion;
        Task<JsonElement> PatchStatusAsync(string resourceVersion) => fixture.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonElement>(
            new V1Patch($$$"""{"metadata":{"resourceVersion":"{{{resourceVersion}}}"}}""", V1Patch.PatchType.MergePatch), "ecsonk8s.io", "v1alpha1", ns, EcsService.Plural, "web");

        var unchanged = await PatchStatusAsync(stale);
        Assert.Equal(stale, unchanged.GetProperty("metadata").GetProperty("resourceVersion").GetString());
        await ecs.PatchAsync<EcsService>(ns, "web", new { metadata = new { labels = new Dictionary<string, string> { ["touched"] = "yes" } } });
        var refused = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => PatchStatusAsync(stale));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.Response.StatusCode);
    }

    private static async Task<(int Min, int Max)?> HpaBoundsAsync(OperatorScenario s)
    {
        try
        {
            // Kubernetes 1.20 serves autoscaling/v2beta2 only.
            var hpa = await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("autoscaling", "v2beta2", s.Namespace, "horizontalpodautoscalers", "web");
            var spec = hpa.GetProperty("spec");
            return (spec.GetProperty("minReplicas").GetInt32(), spec.GetProperty("maxReplicas").GetInt32());
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The one Event that announces <paramref name="message"/>; recorded at the action's time, not before and not much later.</summary>
    private static async Task<Corev1Event> ScalingEventAsync(OperatorScenario s, string message, DateTimeOffset fireTime)
    {
        var events = await OperatorScenario.EventuallyAsync(
            async () => (await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items.Where(e => e.Message.StartsWith(message, StringComparison.Ordinal)).ToList(),
            e => e.Count > 0,
            $"the event '{message}'");
        var announced = Assert.Single(events);
        Assert.Equal(("web", "Normal"), (announced.InvolvedObject.Name, announced.Type));
        var recorded = new DateTimeOffset(DateTime.SpecifyKind(announced.FirstTimestamp!.Value, DateTimeKind.Utc));
        Assert.InRange(recorded, fireTime, fireTime + s_lateness);
        return announced;
    }
}
