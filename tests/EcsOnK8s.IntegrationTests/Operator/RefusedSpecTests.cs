using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// Specs the API server would refuse: refused before a revision registers, with the field named; and a child the API
/// server still refuses when applied, reported on the workload with the server's message. Nothing waits silently.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class RefusedSpecTests(KubeFixture fixture)
{
    private const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec: {}
        """;

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          containerDefinitions:
          - {name: app, image: nginx, memory: 128}
        """;

    private static string Service(string extra = "") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: web}
        spec: {taskDefinition: web, desiredCount: 1, cluster: default{{extra}}}
        """;

    [Fact]
    public async Task NewRevision_DnsServerNotAnIp_RefusedNamingTheFieldAndServiceKeepsTheOldRevisionSayingWhy()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-refused-td");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service());
        await s.CreateAsync<EcsScheduledTask>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsScheduledTask
            metadata: {name: hourly}
            spec:
              scheduleExpression: "cron(0 * * * ? *)"
              target: {arn: "arn:aws:ecs:us-east-1:123456789012:cluster/default", ecsParameters: {taskDefinition: web}}
            """);
        await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"), d => d?.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition] == "web:1", "the Deployment of web:1");
        await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "hourly"), x => x?.Status?.CronSchedule is not null, "the schedule's CronJob");

        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new
        {
            spec = new { containerDefinitions = new[] { new { name = "app", image = "nginx", memory = 128, dnsServers = new[] { "not-an-ip" } } } },
        });

        var td = await OperatorScenario.EventuallyAsync(
            () => s.TaskDefinitionAsync("web"),
            t => t?.Status?.ObservedGeneration == t?.Metadata.Generation && t?.Metadata.Generation > 1,
            "the task definition's status for its new spec");
        var degraded = OperatorScenario.ConditionOf(td!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("True", ConditionReasons.InvalidSpec), (degraded.Status, degraded.Reason));
        Assert.Contains("containerDefinitions[0].dnsServers[0]", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-ip", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(1, td.Status.LatestRevision);
        Assert.Equal(["web-1"], (await s.Client.AppsV1.ListNamespacedControllerRevisionAsync(s.Namespace)).Items.Select(r => r.Metadata.Name));

        var service = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Reason == ConditionReasons.TaskDefinitionInvalid,
            "the service to say why it keeps web:1");
        var why = OperatorScenario.ConditionOf(service!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal("True", why.Status);
        Assert.Contains("dnsServers[0]", why.Message, StringComparison.Ordinal);
        Assert.Contains("web:1", why.Message, StringComparison.Ordinal);
        Assert.Equal("web:1", (await s.DeploymentAsync("web"))!.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);
        Assert.Null((await s.DeploymentAsync("web"))!.Spec.Template.Spec.DnsConfig);

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "hourly"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Reason == ConditionReasons.TaskDefinitionInvalid,
            "the schedule to say why it keeps web:1");
        Assert.Contains("dnsServers[0]", OperatorScenario.ConditionOf(schedule!.Status.Conditions, ConditionTypes.Degraded)!.Message, StringComparison.Ordinal);
        var warning = await OperatorScenario.EventuallyAsync(
            async () => (await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items
                .FirstOrDefault(e => e.Reason == ConditionReasons.TaskDefinitionInvalid && e.InvolvedObject.Name == "web" && e.InvolvedObject.Kind == EcsService.KindName),
            e => e is not null,
            "a TaskDefinitionInvalid event on the service");
        Assert.Equal("Warning", warning!.Type);
    }

    [Fact]
    public async Task Service_ChildRefusedByTheApiServer_DegradedWithTheServersMessageEventAndObservedGeneration()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-refused-child");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service(", serviceName: web"));
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment");

        // Valid for ECS and for the translation, but the name is in the Deployment's selector, which the API server
        // refuses to change.
        await s.Ecs.PatchAsync<EcsService>(s.Namespace, "web", new { spec = new { serviceName = "storefront" } });

        var service = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the refusal on the service");
        var degraded = OperatorScenario.ConditionOf(service!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ChildRejected, degraded.Reason);
        Assert.Contains("Deployment web", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("spec.selector", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(service.Metadata.Generation, service.Status.ObservedGeneration);
        Assert.Equal(service.Metadata.Generation, degraded.ObservedGeneration);
        Assert.Equal(("False", ConditionReasons.ChildRejected), (OperatorScenario.ConditionOf(service.Status.Conditions, ConditionTypes.Ready)!.Status, OperatorScenario.ConditionOf(service.Status.Conditions, ConditionTypes.Ready)!.Reason));
        Assert.Equal("False", OperatorScenario.ConditionOf(service.Status.Conditions, ConditionTypes.Progressing)!.Status);

        var warning = await OperatorScenario.EventuallyAsync(
            async () => (await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items
                .FirstOrDefault(e => e.Reason == ConditionReasons.ChildRejected && e.InvolvedObject.Name == "web" && e.InvolvedObject.Kind == EcsService.KindName),
            e => e is not null,
            "a ChildRejected event on the service");
        Assert.Equal("Warning", warning!.Type);
        Assert.Contains("spec.selector", warning.Message, StringComparison.Ordinal);

        // The old Deployment is left as it was, not pruned.
        var deployment = await s.DeploymentAsync("web");
        Assert.Equal("web", deployment!.Spec.Selector.MatchLabels[WellKnownLabels.Name]);
    }

    [Fact]
    public async Task Task_JobRefusedByTheApiServer_DegradedWithTheServersMessageEventAndObservedGeneration()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-refused-job");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("web"), t => t?.Status?.LatestRevision == 1, "revision 1");

        // A Job of the task's name already exists with another pod template, which a Job never lets change. It carries
        // the managed-by label and no controller (as a Job the operator wrote and released would), so the applier
        // takes it over rather than leaving it alone as another owner's (ChildNameConflict): the API server refuses.
        await s.Client.BatchV1.CreateNamespacedJobAsync(
            new V1Job
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "nightly-1",
                    Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
                },
                Spec = new V1JobSpec
                {
                    Template = new V1PodTemplateSpec
                    {
                        Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "other", Image = "busybox" }] },
                    },
                },
            },
            s.Namespace);
        await s.CreateAsync<EcsTask>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTask
            metadata: {name: nightly}
            spec: {taskDefinition: web, count: 1}
            """);

        var task = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsTask>(s.Namespace, "nightly"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the refusal on the task");
        var degraded = OperatorScenario.ConditionOf(task!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ChildRejected, degraded.Reason);
        Assert.Contains("Job nightly-1", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(task.Metadata.Generation, task.Status.ObservedGeneration);
        Assert.Equal(task.Metadata.Generation, degraded.ObservedGeneration);

        var warning = await OperatorScenario.EventuallyAsync(
            async () => (await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items
                .FirstOrDefault(e => e.Reason == ConditionReasons.ChildRejected && e.InvolvedObject.Name == "nightly" && e.InvolvedObject.Kind == EcsTask.KindName),
            e => e is not null,
            "a ChildRejected event on the task");
        Assert.Equal("Warning", warning!.Type);
    }
}
