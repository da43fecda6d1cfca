using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>Invalid, refused and dangling specs: precise conditions, nothing else touched, and recovery through watches.</summary>
[Collection(KubeCollection.Name)]
public sealed class BadInputTests(KubeFixture fixture)
{
    private const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec: {}
        """;

    private static string TaskDefinition(string name, string container) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: {{name}}}
        spec:
          containerDefinitions:
          - {{container}}
        """;

    private static string Service(string name, string taskDefinition, string cluster = "default") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec: {taskDefinition: "{{taskDefinition}}", desiredCount: 1, cluster: {{cluster}}}
        """;

    [Fact]
    public async Task TaskDefinition_WithoutImage_NotReadyNamingTheFieldAndNoRevision()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-invalid-td");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("broken", "{name: app, memory: 128}"));

        var td = await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("broken"), t => t?.Status?.Conditions is not null, "a condition");
        var ready = OperatorScenario.ConditionOf(td!.Status.Conditions, ConditionTypes.Ready)!;
        Assert.Equal(("False", ConditionReasons.InvalidSpec), (ready.Status, ready.Reason));
        Assert.Contains("containerDefinitions[0].image", ready.Message, StringComparison.Ordinal);
        Assert.Empty((await s.Client.AppsV1.ListNamespacedControllerRevisionAsync(s.Namespace)).Items);
    }

    [Fact]
    public async Task Service_MalformedTaskDefinitionReference_DegradedAndValidServiceStillRuns()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-invalid-svc");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("web", "{name: app, image: nginx, memory: 128}"));
        await s.CreateAsync<EcsService>(Service("bad", "web:latest"));
        await s.CreateAsync<EcsService>(Service("good", "web"));

        var bad = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("bad"), x => x?.Status?.Conditions is not null, "a condition");
        var degraded = OperatorScenario.ConditionOf(bad!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("True", ConditionReasons.InvalidSpec), (degraded.Status, degraded.Reason));
        Assert.Contains("revision 'latest'", degraded.Message, StringComparison.Ordinal);
        Assert.NotNull(await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("good"), d => d is not null, "the valid service's Deployment"));
        Assert.Null(await s.DeploymentAsync("bad"));
    }

    [Fact]
    public async Task Service_TaskDefinitionAndClusterMissing_WaitsThenProceedsWhenTheyAppear()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-waits");
        await s.CreateAsync<EcsService>(Service("web", "later", cluster: "prod"));

        var waiting = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.Conditions is not null, "a condition");
        Assert.Equal(ConditionReasons.ClusterNotFound, OperatorScenario.ConditionOf(waiting!.Status.Conditions, ConditionTypes.Ready)!.Reason);

        await s.CreateAsync<EcsCluster>(Cluster.ReplaceRequired("name: default", "name: prod"));
        await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Ready)?.Reason == ConditionReasons.TaskDefinitionNotFound,
            "the service to wait for its task definition");

        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("later", "{name: app, image: nginx, memory: 128}"));
        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment");
        Assert.Equal("later:1", deployment!.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);
    }

    [Fact]
    public async Task PrivilegedTask_ClusterPolicyDenies_NothingRenderedUntilAllowed()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-policy");
        await using var trust = await TrustedNamespace.CreateAsync(s.Client, s.Namespace);
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("root", "{name: app, image: nginx, memory: 128, privileged: true}"));
        await s.CreateAsync<EcsService>(Service("root", "root"));

        var refused = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("root"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the refusal");
        var degraded = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.PolicyRefused, degraded.Reason);
        Assert.Contains("privileged", degraded.Message, StringComparison.Ordinal);
        Assert.Empty((await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace)).Items);

        await s.Ecs.PatchAsync<EcsCluster>(s.Namespace, "default", new { spec = new { policy = new { allowPrivileged = true } } });
        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("root"), d => d is not null, "the Deployment once allowed");
        Assert.True(deployment!.Spec.Template.Spec.Containers[0].SecurityContext.Privileged);
    }

    public static TheoryData<string, string, string, string> PolicyBypasses => new()
    {
        { "sysctl", "systemControls: [{namespace: kernel.msgmax, value: '65536'}]", "containerDefinitions[0].systemControls[0]", "{\"allowedUnsafeSysctls\": [\"kernel.msgmax\"]}" },
        { "apparmor", "dockerSecurityOptions: ['apparmor:unconfined']", "containerDefinitions[0].dockerSecurityOptions[0]", "{\"allowUnconfined\": true}" },
        { "selinux", "dockerSecurityOptions: ['label:type:spc_t']", "containerDefinitions[0].dockerSecurityOptions[0]", "{\"allowUnconfined\": true}" },
        { "hostport", "portMappings: [{containerPort: 80, hostPort: 8080}]", "containerDefinitions[0].portMappings[0].hostPort", "{\"allowHostPorts\": true}" },
    };

    [Theory]
    [MemberData(nameof(PolicyBypasses))]
    public async Task PolicyBypass_DefaultPolicy_DegradedNamingTheFieldAndNothingRenderedUntilAllowed(string name, string container, string field, string allowance)
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-policy-" + name);
        await using var trust = await TrustedNamespace.CreateAsync(s.Client, s.Namespace);
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(
            TaskDefinition(name, $"{{name: app, image: nginx, memory: 128, {container}}}").ReplaceRequired("spec:", "spec:\n  networkMode: bridge"));
        await s.CreateAsync<EcsService>(Service(name, name));

        var refused = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync(name),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.Degraded)?.Status == "True",
            "the refusal");
        var degraded = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(ConditionReasons.PolicyRefused, degraded.Reason);
        Assert.StartsWith("taskDefinition." + field, degraded.Message, StringComparison.Ordinal);
        Assert.Empty((await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace)).Items);

        // The same spec renders once the cluster allows it: the refusal came from the policy alone.
        var policy = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(allowance);
        await s.Ecs.PatchAsync<EcsCluster>(s.Namespace, "default", new { spec = new { policy } });
        Assert.NotNull(await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync(name), d => d is not null, "the Deployment once allowed"));
    }
}
