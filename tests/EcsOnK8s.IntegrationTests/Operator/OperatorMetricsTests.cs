using System.Text.RegularExpressions;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>What people alert on, read from the operator's /metrics while it runs services on the real API server.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class OperatorMetricsTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Metrics_ServiceRunsThenIsDeleted_TaskGaugesRolloutCounterAndStuckWorkGauges()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "metrics");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTaskDefinition\nmetadata: {name: web}\nspec:\n  containerDefinitions:\n  - {name: app, image: nginx, cpu: 8, memoryReservation: 32}");
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 2}");
        var series = $"namespace=\"{s.Namespace}\",service=\"web\"";

        var text = await OperatorScenario.EventuallyAsync(
            s.MetricsAsync,
            t => t.Contains($"ecsonk8s_service_running_tasks{{{series}}} 2", StringComparison.Ordinal)
                && t.Contains($"ecsonk8s_service_rollouts_total{{{series},outcome=\"completed\"}} 1", StringComparison.Ordinal),
            "2 running tasks and one completed rollout in /metrics", Rollout);
        Assert.Contains($"ecsonk8s_service_desired_tasks{{{series}}} 2", text, StringComparison.Ordinal);
        Assert.Contains($"ecsonk8s_service_pending_tasks{{{series}}} 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"ecsonk8s_service_rollouts_total{{{series},outcome=\"failed\"}} 1", text, StringComparison.Ordinal);

        // client-go's stuck-work gauges, one series per controller queue, and snake_case results only.
        Assert.Matches("ecsonk8s_workqueue_unfinished_work_seconds\\{name=\"ecsservice\"\\} [0-9.e-]+", text);
        Assert.Matches("ecsonk8s_workqueue_longest_running_processor_seconds\\{name=\"ecsservice\"\\} [0-9.e-]+", text);
        var results = ResultLabel().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("done", results);
        Assert.All(results, r => Assert.Matches("^[a-z]+(_[a-z]+)*$", r));

        await s.Ecs.DeleteAsync<EcsService>(s.Namespace, "web");
        await OperatorScenario.EventuallyAsync(s.MetricsAsync, t => !t.Contains(series, StringComparison.Ordinal), "the service's series to go", Rollout);
    }

    [GeneratedRegex("ecsonk8s_reconcile_total\\{controller=\"[a-z]+\",result=\"([^\"]+)\"\\}")]
    private static partial Regex ResultLabel();
}
