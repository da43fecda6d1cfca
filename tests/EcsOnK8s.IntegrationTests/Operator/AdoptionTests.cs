using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// A task role renders as a ServiceAccount named after the role, a shared volume as a claim named after the volume.
/// When an object of that name already exists and EcsOnK8s did not create it (the operator's own account, one bound
/// to wide rights, another application's claim), the workload is refused with a Degraded condition naming the
/// field: the object is neither adopted nor used by any pod, through the task definition or through RunTask and
/// schedule overrides alike.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class AdoptionTests(KubeFixture fixture)
{
    private const string Cluster = "apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}";

    private static string TaskDefinition(string name, string? role) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: {{name}}}
        spec:
          {{(role is null ? string.Empty : $"taskRoleArn: \"arn:aws:iam::123456789012:role/{role}\"")}}
          containerDefinitions: [{name: app, image: "busybox:1.36", memory: 64, command: [sh, -c, "sleep 3600"]}]
        """;

    [Fact]
    public async Task Service_TaskRoleNamedLikeAForeignServiceAccount_DegradedAndTheAccountNeverBound()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sa-svc");
        var foreign = await CreateForeignAccountAsync(s, "ecsonk8s-operator");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("web", "ecsonk8s-operator"));
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("api", "api-task"));
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: api}\nspec: {taskDefinition: api, desiredCount: 1}");

        var web = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "web Degraded");
        var degraded = OperatorScenario.ConditionOf(web!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ServiceAccountConflict, degraded.Reason);
        Assert.StartsWith("taskDefinition.taskRoleArn: ", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceAccount ecsonk8s-operator", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(web.Metadata.Generation, degraded.ObservedGeneration);

        // The operator runs: a service whose role is free gets its Deployment and its own account.
        var api = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("api"), d => d is not null, "api's Deployment");
        Assert.Equal("api-task", api!.Spec.Template.Spec.ServiceAccountName);

        Assert.Null(await s.DeploymentAsync("web"));
        await AssertNeverBoundAsync(s, foreign);
    }

    [Fact]
    public async Task TaskAndSchedule_OverrideRoleNamedLikeAForeignServiceAccount_DegradedNamingTheOverride()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sa-task");
        var foreign = await CreateForeignAccountAsync(s, "cluster-admin-sa");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("report", role: null));
        await s.CreateAsync<EcsTask>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTask
            metadata: {name: nightly}
            spec:
              taskDefinition: report
              overrides: {taskRoleArn: "arn:aws:iam::123456789012:role/cluster-admin-sa"}
            """);
        await s.CreateAsync<EcsScheduledTask>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsScheduledTask
            metadata: {name: hourly}
            spec:
              scheduleExpression: rate(1 hour)
              state: ENABLED
              target:
                arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
                ecsParameters:
                  taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/report:1"
                  overrides: {taskRoleArn: "arn:aws:iam::123456789012:role/cluster-admin-sa"}
            """);

        var task = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsTask>(s.Namespace, "nightly"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the task Degraded");
        var taskDegraded = OperatorScenario.ConditionOf(task!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ServiceAccountConflict, taskDegraded.Reason);
        Assert.StartsWith("task.overrides.taskRoleArn: ", taskDegraded.Message, StringComparison.Ordinal);

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "hourly"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the schedule Degraded");
        var scheduleDegraded = OperatorScenario.ConditionOf(schedule!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ServiceAccountConflict, scheduleDegraded.Reason);
        Assert.StartsWith("scheduledTask.target.ecsParameters.overrides.taskRoleArn: ", scheduleDegraded.Message, StringComparison.Ordinal);

        Assert.Empty((await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items);
        var cronJobs = await s.Client.CustomObjects.ListNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("batch", "v1beta1", s.Namespace, "cronjobs");
        Assert.Equal(0, cronJobs.GetProperty("items").GetArrayLength());
        await AssertNeverBoundAsync(s, foreign);
    }

    [Fact]
    public async Task Service_SharedVolumeNamedLikeAForeignClaim_DegradedAndTheClaimNeverMounted()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-claim");
        var foreign = await s.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(
            new V1PersistentVolumeClaim
            {
                Metadata = new V1ObjectMeta { Name = "efs-fs-0123abcd" },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = ["ReadWriteOnce"],
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
                },
            },
            s.Namespace);
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: web}
            spec:
              volumes: [{name: data, efsVolumeConfiguration: {fileSystemId: fs-0123abcd}}]
              containerDefinitions: [{name: app, image: "busybox:1.36", memory: 64, mountPoints: [{sourceVolume: data, containerPath: /data}]}]
            """);
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");

        var web = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "web Degraded");
        var degraded = OperatorScenario.ConditionOf(web!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.ClaimConflict, degraded.Reason);
        Assert.StartsWith("taskDefinition.volumes[0].efsVolumeConfiguration.fileSystemId: ", degraded.Message, StringComparison.Ordinal);
        Assert.Null(await s.DeploymentAsync("web"));

        var live = await s.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(foreign.Metadata.Name, s.Namespace);
        Assert.Equal(foreign.Metadata.ResourceVersion, live.Metadata.ResourceVersion);
        Assert.Null(live.Metadata.Labels);
    }

    /// <summary>A ServiceAccount as a Helm chart or an administrator would make it: not labelled managed-by EcsOnK8s.</summary>
    private static async Task<V1ServiceAccount> CreateForeignAccountAsync(OperatorScenario s, string name) =>
        await s.Client.CoreV1.CreateNamespacedServiceAccountAsync(
            new V1ServiceAccount
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = "Helm" } },
            },
            s.Namespace);

    /// <summary>The account is as it was made (no write by the operator) and no workload's pods run as it.</summary>
    private static async Task AssertNeverBoundAsync(OperatorScenario s, V1ServiceAccount foreign)
    {
        var live = await s.Client.CoreV1.ReadNamespacedServiceAccountAsync(foreign.Metadata.Name, s.Namespace);
        Assert.Equal(foreign.Metadata.Uid, live.Metadata.Uid);
        Assert.Equal("Helm", live.Metadata.Labels[WellKnownLabels.ManagedBy]);
        Assert.Null(live.Metadata.OwnerReferences);
        Assert.False(live.Metadata.Annotations?.ContainsKey(WellKnownAnnotations.EksRoleArn) ?? false);
        Assert.DoesNotContain(live.Metadata.ManagedFields ?? [], f => f.Manager == "ecsonk8s-operator");

        var templates = (await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace)).Items.Select(d => d.Spec.Template.Spec)
            .Concat((await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items.Select(j => j.Spec.Template.Spec));
        Assert.DoesNotContain(templates, t => t.ServiceAccountName == foreign.Metadata.Name);
    }
}
