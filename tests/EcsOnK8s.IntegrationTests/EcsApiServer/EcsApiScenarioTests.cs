using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.EcsApiServer;

/// <summary>
/// The scenario with the AWS CLI against the operator on hollow nodes (tasks really get pods): register two
/// revisions, create a cluster and a service, scale it, roll it to the new revision, wait for steady state, run and
/// stop a task, list with pagination, deregister, delete. Set ECS_API_TRANSCRIPT=FILE to keep the commands and answers.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EcsApiScenarioTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Scenario_AwsCli_RegisterCreateScaleRollRunStopPageDeregisterDelete()
    {
        var keys = await fixture.CreateNamespaceAsync("ecsapi-keys");
        var ns = await fixture.CreateNamespaceAsync("ecsapi-e2e");
        await EcsApiHarness.GrantAsync(fixture.Client, ns, "dave");
        await using var host = await EcsApiHarness.StartAsync(fixture.KubeconfigPath, keys, ns);
        var (id, secret) = await host.CreateKeyAsync(fixture.Client, "dave", ns, "dave");
        var aws = new AwsCli(host.Endpoint, id, secret);
        const string Arn = "arn:aws:ecs:local:000000000000:";
        try
        {
            var first = await aws.RunAsync("register-task-definition", "--family", "web", "--container-definitions", Container("nginx:1.27"), "--tags", "key=team,value=web");
            Assert.Equal((Arn + "task-definition/web:1", 1, "ACTIVE"), ((string?)first["taskDefinition"]!["taskDefinitionArn"], (int)first["taskDefinition"]!["revision"]!, (string?)first["taskDefinition"]!["status"]));
            var second = await aws.RunAsync("register-task-definition", "--family", "web", "--container-definitions", Container("nginx:1.28"));
            Assert.Equal(2, (int)second["taskDefinition"]!["revision"]!);
            var described = await aws.RunAsync("describe-task-definition", "--task-definition", "web:1", "--include", "TAGS");
            Assert.Equal(("nginx:1.27", "team"), ((string?)described["taskDefinition"]!["containerDefinitions"]![0]!["image"], (string?)described["tags"]![0]!["key"]));

            Assert.Equal("ACTIVE", (string?)(await aws.RunAsync("create-cluster"))["cluster"]!["status"]);
            var created = await aws.RunAsync("create-service", "--service-name", "web", "--task-definition", "web:1", "--desired-count", "1");
            Assert.Equal((Arn + "service/default/web", Arn + "task-definition/web:1"), ((string?)created["service"]!["serviceArn"], (string?)created["service"]!["taskDefinition"]));

            Assert.Equal(2, (int)(await aws.RunAsync("update-service", "--service", "web", "--desired-count", "2"))["service"]!["desiredCount"]!);
            await SteadyAsync(aws, "web:1", 2);

            await aws.RunAsync("update-service", "--service", Arn + "service/default/web", "--task-definition", Arn + "task-definition/web:2");
            var rolled = await SteadyAsync(aws, "web:2", 2);
            Assert.Contains(rolled["events"]!.AsArray(), e => ((string?)e!["message"])!.Contains("steady state", StringComparison.Ordinal));

            var serviceTasks = await Eventually.ValueAsync(
                () => aws.RunAsync("list-tasks", "--service-name", "web"), t => t["taskArns"]!.AsArray().Count == 2, "two service tasks listed", Rollout);
            var serviceTask = await aws.RunAsync("describe-tasks", "--tasks", (string)serviceTasks["taskArns"]![0]!);
            Assert.Equal(("RUNNING", "service:web", Arn + "task-definition/web:2"), ((string?)serviceTask["tasks"]![0]!["lastStatus"], (string?)serviceTask["tasks"]![0]!["group"], (string?)serviceTask["tasks"]![0]!["taskDefinitionArn"]));

            var run = await aws.RunAsync("run-task", "--task-definition", "web:1", "--started-by", "ci");
            var taskArn = (string)run["tasks"]![0]!["taskArn"]!;
            Assert.StartsWith(Arn + "task/default/", taskArn, StringComparison.Ordinal);
            await Eventually.ValueAsync(() => aws.RunAsync("describe-tasks", "--tasks", taskArn), t => (string?)t["tasks"]![0]!["lastStatus"] == "RUNNING", "the run task RUNNING", Rollout);
            Assert.Single((await aws.RunAsync("list-tasks", "--started-by", "ci"))["taskArns"]!.AsArray());
            Assert.Equal("STOPPED", (string?)(await aws.RunAsync("stop-task", "--task", taskArn, "--reason", "done"))["task"]!["desiredStatus"]);
            var stopped = await Eventually.ValueAsync(
                () => aws.RunAsync("describe-tasks", "--tasks", taskArn), t => (string?)t["tasks"]![0]!["lastStatus"] == "STOPPED", "the run task STOPPED", Rollout);
            Assert.NotNull((string?)stopped["tasks"]![0]!["stopCode"]);
            // Started by ci: the service's tasks replaced by the rollout may be stopping at this moment too.
            Assert.Equal([taskArn], (await aws.RunAsync("list-tasks", "--started-by", "ci", "--desired-status", "STOPPED"))["taskArns"]!.AsArray().Select(a => (string)a!));

            // Pagination: the CLI follows nextToken itself unless told not to.
            var page = await aws.RunAsync("list-task-definitions", "--max-items", "1", "--page-size", "1");
            Assert.Equal([Arn + "task-definition/web:1"], page["taskDefinitionArns"]!.AsArray().Select(a => (string)a!));
            var next = await aws.RunAsync("list-task-definitions", "--max-items", "1", "--page-size", "1", "--starting-token", (string)page["NextToken"]!);
            Assert.Equal([Arn + "task-definition/web:2"], next["taskDefinitionArns"]!.AsArray().Select(a => (string)a!));
            Assert.Equal(2, (await aws.RunAsync("list-task-definitions", "--page-size", "1"))["taskDefinitionArns"]!.AsArray().Count);

            Assert.Equal("INACTIVE", (string?)(await aws.RunAsync("deregister-task-definition", "--task-definition", "web:1"))["taskDefinition"]!["status"]);
            Assert.Equal([Arn + "task-definition/web:2"], (await aws.RunAsync("list-task-definitions"))["taskDefinitionArns"]!.AsArray().Select(a => (string)a!));
            Assert.Equal([Arn + "task-definition/web:1"], (await aws.RunAsync("list-task-definitions", "--status", "INACTIVE"))["taskDefinitionArns"]!.AsArray().Select(a => (string)a!));

            await aws.RunAsync("update-service", "--service", "web", "--force-new-deployment");
            await Eventually.ValueAsync(
                () => fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
                d => d.Spec.Template.Metadata.Annotations?.ContainsKey(WellKnownAnnotations.ForceNewDeployment) == true,
                "the forced deployment's pod template", Rollout);

            Assert.Equal("InvalidParameterException", (await aws.TryAsync("delete-service", "--service", "web")).ErrorCode);
            Assert.Equal("ClusterContainsServicesException", (await aws.TryAsync("delete-cluster", "--cluster", "default")).ErrorCode);
            Assert.Equal("DRAINING", (string?)(await aws.RunAsync("delete-service", "--service", "web", "--force"))["service"]!["status"]);
            await Eventually.ValueAsync(() => aws.RunAsync("list-services"), s => s["serviceArns"]!.AsArray().Count == 0, "no services", Rollout);
            Assert.Equal("INACTIVE", (string?)(await aws.RunAsync("delete-cluster", "--cluster", "default"))["cluster"]!["status"]);
        }
        finally
        {
            var transcript = string.Join("\n\n", aws.Transcript);
            output.WriteLine(transcript);
            if (Environment.GetEnvironmentVariable("ECS_API_TRANSCRIPT") is { Length: > 0 } file)
            {
                await File.WriteAllTextAsync(file, transcript);
            }
        }
    }

    private static string Container(string image) => $$"""[{"name":"app","image":"{{image}}","cpu":8,"memoryReservation":32}]""";

    private static async Task<JsonNode> SteadyAsync(AwsCli aws, string taskDefinition, int running)
    {
        var answer = await Eventually.ValueAsync(
            () => aws.RunAsync("describe-services", "--services", "web"),
            s => s["services"]![0] is { } x && (int)x["runningCount"]! == running && x["deployments"]!.AsArray().Count == 1
                && (string?)x["deployments"]![0]!["rolloutState"] == "COMPLETED" && ((string?)x["taskDefinition"])!.EndsWith(taskDefinition, StringComparison.Ordinal),
            $"{running} tasks of {taskDefinition} and one COMPLETED deployment", Rollout);
        return answer["services"]![0]!;
    }
}
