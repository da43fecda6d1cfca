using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// The Argo CD health checks (deploy/argocd/health) on what the operator really writes: each state is reached on the
/// control plane with hollow nodes, the live object goes through the check in Lua 5.1, and the status Argo CD would
/// show is asserted. With ECSONK8S_UPDATE_FIXTURES=1 the objects are stored as the fixtures the unit tests
/// (EcsOnK8s.Api.Tests ArgoCd) run on without a control plane.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ArgoCdHealthTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);
    private static readonly bool Update = Environment.GetEnvironmentVariable("ECSONK8S_UPDATE_FIXTURES") == "1";

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          containerDefinitions:
          - {name: app, image: "nginx:1.27", cpu: 8, memoryReservation: 32}
        """;

    private static string Service(string name, string taskDefinition, int desired, string extra = "") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec: {taskDefinition: {{taskDefinition}}, desiredCount: {{desired}}{{extra}}}
        """;

    [Fact]
    public async Task ServiceClusterTaskDefinition_States_HealthArgoCdShows()
    {
        var s = await OperatorScenario.StartAsync(fixture, "argocd-svc");
        try
        {
            await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
            await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
            await s.CreateAsync<EcsService>(Service("web", "web", 2));
            await s.CreateAsync<EcsService>(Service("idle", "web", 0));
            await s.CreateAsync<EcsService>(Service("orphan", "missing", 1));

            await CaptureAsync(s, "ecsclusters", "default", "ready", "Healthy",
                x => Condition(x, ConditionTypes.Ready) == "True" && x.GetProperty("status").GetProperty("activeServicesCount").GetInt32() == 3);
            await CaptureAsync(s, "ecstaskdefinitions", "web", "ready", "Healthy", x => Condition(x, ConditionTypes.Ready) == "True");
            await CaptureAsync(s, "ecsservices", "orphan", "task-definition-not-found", "Progressing",
                x => Reason(x, ConditionTypes.Ready) == ConditionReasons.TaskDefinitionNotFound);
            await CaptureAsync(s, "ecsservices", "web", "steady", "Healthy", x => Condition(x, ConditionTypes.Ready) == "True", Rollout);
            await CaptureAsync(s, "ecsservices", "idle", "scaled-to-zero", "Suspended", x => Condition(x, ConditionTypes.Ready) == "True", Rollout);

            // The printer columns, evaluated by the API server as kubectl shows them (-o wide adds priority 1).
            var table = await KubectlAsync("get", "ecsservices", "-n", s.Namespace, "-o", "wide");
            var header = table[0];
            Assert.All(["ROLLOUT", "LAUNCH TYPE", "CAPACITY PROVIDERS", "REASON"], column => Assert.Contains(column, header, StringComparison.Ordinal));
            var web = table.Single(l => l.StartsWith("web ", StringComparison.Ordinal));
            Assert.Contains("COMPLETED", web, StringComparison.Ordinal);
            Assert.Contains(ConditionReasons.SteadyState, web, StringComparison.Ordinal);
            Assert.Contains(ConditionReasons.TaskDefinitionNotFound, table.Single(l => l.StartsWith("orphan ", StringComparison.Ordinal)), StringComparison.Ordinal);

            // The operator stops; an edit it never sees leaves observedGeneration behind.
            await s.StopOperatorAsync();
            await s.Ecs.PatchAsync<EcsService>(s.Namespace, "web", new { spec = new { desiredCount = 3 } });
            await CaptureAsync(s, "ecsservices", "web", "generation-not-observed", "Progressing",
                x => x.GetProperty("metadata").GetProperty("generation").GetInt64() == 2);
        }
        finally
        {
            await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Service_RolloutThatCannotBePlaced_ProgressingThenDegraded()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "argocd-rollout");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {deploymentProgressDeadlineSeconds: 15}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service("web", "web", 2, ", deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}}"));
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.Deployments?[0].RolloutState == "COMPLETED", "web:1 completed", Rollout);

        // web:2 asks for more memory than any node has: its tasks can never be placed.
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new
        {
            spec = new { containerDefinitions = new[] { new { name = "app", image = "nginx:1.27", cpu = 8, memoryReservation = 100_000_000 } } },
        });

        await CaptureAsync(s, "ecsservices", "web", "rollout-in-progress", "Progressing",
            x => Primary(x) is { } p && p.GetProperty("taskDefinition").GetString() == "web:2" && p.GetProperty("rolloutState").GetString() == "IN_PROGRESS");
        await CaptureAsync(s, "ecsservices", "web", "rolled-back", "Degraded",
            x => Reason(x, ConditionTypes.Degraded) == ConditionReasons.RolledBack, Rollout);
    }

    [Fact]
    public async Task TaskAndTaskDefinition_States_HealthArgoCdShows()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "argocd-task");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsTaskDefinition>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: broken}
            spec:
              containerDefinitions:
              - {name: app, image: "nginx:1.27", memory: 64, dnsServers: [not-an-ip]}
            """);
        await s.CreateAsync<EcsTask>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTask\nmetadata: {name: once}\nspec: {taskDefinition: web}");
        await s.CreateAsync<EcsTask>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTask\nmetadata: {name: waiting}\nspec: {taskDefinition: missing}");

        // A Job of the task's name with another pod template, which a Job never lets change: the API server refuses.
        await s.Client.BatchV1.CreateNamespacedJobAsync(
            new V1Job
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "refused-1",
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
        await s.CreateAsync<EcsTask>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTask\nmetadata: {name: refused}\nspec: {taskDefinition: web}");

        await CaptureAsync(s, "ecstaskdefinitions", "broken", "invalid-spec", "Degraded", x => Condition(x, ConditionTypes.Degraded) == "True");
        await CaptureAsync(s, "ecstasks", "waiting", "task-definition-not-found", "Progressing",
            x => Reason(x, ConditionTypes.Ready) == ConditionReasons.TaskDefinitionNotFound);
        await CaptureAsync(s, "ecstasks", "refused", "job-refused", "Degraded", x => Condition(x, ConditionTypes.Degraded) == "True");
        await CaptureAsync(s, "ecstasks", "once", "running", "Healthy",
            x => x.TryGetProperty("status", out var st) && st.TryGetProperty("lastStatus", out var last) && last.GetString() == "RUNNING", Rollout);
    }

    [Fact]
    public async Task ScheduledTask_States_HealthArgoCdShows()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "argocd-schedule");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        foreach (var (name, expression, state) in new[] { ("hourly", "rate(1 hour)", "ENABLED"), ("paused", "rate(1 hour)", "DISABLED"), ("bad", "rate(1 fortnight)", "ENABLED") })
        {
            await s.CreateAsync<EcsScheduledTask>($$"""
                apiVersion: ecsonk8s.io/v1alpha1
                kind: EcsScheduledTask
                metadata: {name: {{name}}}
                spec:
                  scheduleExpression: {{expression}}
                  state: {{state}}
                  target:
                    arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
                    ecsParameters: {taskDefinitionArn: web}
                """);
        }

        await CaptureAsync(s, "ecsscheduledtasks", "hourly", "scheduled", "Healthy", x => Condition(x, ConditionTypes.Ready) == "True");
        await CaptureAsync(s, "ecsscheduledtasks", "paused", "disabled", "Suspended", x => Condition(x, ConditionTypes.Ready) is not null);
        await CaptureAsync(s, "ecsscheduledtasks", "bad", "invalid-schedule", "Degraded", x => Condition(x, ConditionTypes.Degraded) == "True");
    }

    [Fact]
    public async Task EventRule_Ready_InvalidPatternDegraded_DisabledSuspended()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "argocd-rule");
        await s.CreateAsync<EcsEventRule>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: stopped-tasks}
            spec:
              eventPattern: {source: [aws.ecs], detail-type: [ECS Task State Change]}
              targets:
              - {id: audit, http: {url: "https://audit.example.com/ecs"}}
            """);
        await s.CreateAsync<EcsEventRule>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: bad-pattern}
            spec:
              eventPattern: {source: [aws.ecs], detail: {exitCode: [{numeric: [">", "zero"]}]}}
              targets:
              - {id: audit, http: {url: "https://audit.example.com/ecs"}}
            """);
        await s.CreateAsync<EcsEventRule>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: paused}
            spec:
              state: DISABLED
              eventPattern: {source: [aws.ecs]}
              targets:
              - {id: audit, http: {url: "https://audit.example.com/ecs"}}
            """);
        await CaptureAsync(s, "ecseventrules", "stopped-tasks", "ready", "Healthy", x => Condition(x, ConditionTypes.Ready) == "True");
        await CaptureAsync(s, "ecseventrules", "bad-pattern", "invalid-pattern", "Degraded", x => Condition(x, ConditionTypes.Degraded) == "True");
        await CaptureAsync(s, "ecseventrules", "paused", "disabled", "Suspended", x => Condition(x, ConditionTypes.Ready) is not null);
    }

    /// <summary>
    /// Waits until the live object satisfies <paramref name="reached"/>, runs the kind's health check on it and asserts
    /// <paramref name="expected"/>; stores it as a fixture when asked to.
    /// </summary>
    private static async Task CaptureAsync(
        OperatorScenario s, string plural, string name, string fixtureName, string expected, Func<JsonElement, bool> reached, TimeSpan? timeout = null)
    {
        var live = await OperatorScenario.EventuallyAsync(
            () => s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, s.Namespace, plural, name),
            reached, $"{plural}/{name} to reach the {fixtureName} state", timeout);
        var kind = live.GetProperty("kind").GetString()!;
        var (status, message) = ArgoCdHealth.Evaluate(kind, live);
        Assert.True(status == expected, $"{kind} {fixtureName}: Argo CD would show {status} ({message}), expected {expected}");

        if (Update)
        {
            var path = RepositoryRoot.Combine("tests", "EcsOnK8s.Api.Tests", "ArgoCd", "Fixtures", kind, fixtureName + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Stable(live) + "\n");
        }
    }

    private async Task<string[]> KubectlAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Api.Kubectl.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(fixture.KubeconfigPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)}: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The object without what changes from run to run and says nothing about health (managed fields, ids).</summary>
    private static string Stable(JsonElement live)
    {
        var node = JsonNode.Parse(live.GetRawText())!.AsObject();
        var metadata = node["metadata"]!.AsObject();
        foreach (var volatileField in (string[])["managedFields", "uid", "resourceVersion", "selfLink"])
        {
            metadata.Remove(volatileField);
        }

        metadata["namespace"] = "shop";
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string? Condition(JsonElement x, string type) => FindCondition(x, type)?.GetProperty("status").GetString();

    private static string? Reason(JsonElement x, string type) =>
        FindCondition(x, type) is { } c && c.TryGetProperty("reason", out var r) ? r.GetString() : null;

    private static JsonElement? FindCondition(JsonElement x, string type)
    {
        if (x.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions))
        {
            foreach (var c in conditions.EnumerateArray())
            {
                if (c.GetProperty("type").GetString() == type)
                {
                    return c;
                }
            }
        }

        return null;
    }

    private static JsonElement? Primary(JsonElement x)
    {
        if (x.TryGetProperty("status", out var status) && status.TryGetProperty("deployments", out var deployments))
        {
            foreach (var d in deployments.EnumerateArray())
            {
                if (d.GetProperty("status").GetString() == "PRIMARY")
                {
                    return d;
                }
            }
        }

        return null;
    }
}
