using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Cli;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.EcsApiServer;

/// <summary>
/// The ECS API endpoint against the real API server with the real AWS CLI and boto3: keys and impersonation keep a
/// key inside what its Kubernetes identity may do; every error a client can provoke has the AWS type it recognises.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class EcsApiAuthTests(KubeFixture fixture)
{
    [Fact]
    public async Task KeyOfNamespaceA_NeitherReadsNorChangesNamespaceB()
    {
        var keys = await fixture.CreateNamespaceAsync("ecsapi-keys");
        var a = await fixture.CreateNamespaceAsync("ecsapi-a");
        var b = await fixture.CreateNamespaceAsync("ecsapi-b");
        await EcsApiHarness.GrantAsync(fixture.Client, a, "alice");
        await EcsApiHarness.GrantAsync(fixture.Client, b, "bob");
        await using var host = await EcsApiHarness.StartAsync(fixture.KubeconfigPath, keys, $"{a},{b}");
        var (idA, secretA) = await host.CreateKeyAsync(fixture.Client, "alice", a, "alice");
        var (idB, secretB) = await host.CreateKeyAsync(fixture.Client, "bob", b, "bob");
        // A key an administrator pointed at namespace B while its identity is alice's: Kubernetes still says no.
        var (idAintoB, secretAintoB) = await host.CreateKeyAsync(fixture.Client, "alice-into-b", b, "alice");
        var alice = new AwsCli(host.Endpoint, idA, secretA);
        var bob = new AwsCli(host.Endpoint, idB, secretB);
        var aliceIntoB = new AwsCli(host.Endpoint, idAintoB, secretAintoB);

        Assert.Equal("arn:aws:ecs:local:000000000000:cluster/team-a", (string?)(await alice.RunAsync("create-cluster", "--cluster-name", "team-a"))["cluster"]!["clusterArn"]);
        await bob.RunAsync("create-cluster", "--cluster-name", "team-b");

        Assert.Equal(["arn:aws:ecs:local:000000000000:cluster/team-a"], Arns(await alice.RunAsync("list-clusters"), "clusterArns"));
        Assert.Equal(["arn:aws:ecs:local:000000000000:cluster/team-b"], Arns(await bob.RunAsync("list-clusters"), "clusterArns"));

        (string[] Args, string Verb)[] intoB =
        [
            (["list-clusters"], "list"),
            (["describe-clusters", "--clusters", "team-b"], "get"),
            (["create-cluster", "--cluster-name", "intruder"], "create"),
            (["delete-cluster", "--cluster", "team-b"], "get"),
            (["tag-resource", "--resource-arn", "arn:aws:ecs:local:000000000000:cluster/team-b", "--tags", "key=owner,value=alice"], "get"),
        ];
        foreach (var (args, verb) in intoB)
        {
            var (_, code, error) = await aliceIntoB.TryAsync(args);
            Assert.True(code == "AccessDeniedException", $"{string.Join(' ', args)}: {error}");
            Assert.Contains("\"alice\" cannot " + verb, error, StringComparison.Ordinal);
        }

        var inB = await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(EcsApi.Group, EcsApi.Version, b, EcsCluster.Plural);
        var cluster = Assert.Single(inB.GetProperty("items").EnumerateArray());
        Assert.Equal("team-b", cluster.GetProperty("metadata").GetProperty("name").GetString());
        Assert.False(cluster.GetProperty("spec").TryGetProperty("tags", out _));

        // What the API wrote is the API's own field manager's.
        var managed = cluster.GetProperty("metadata").GetProperty("managedFields").EnumerateArray().Select(f => f.GetProperty("manager").GetString()).ToList();
        Assert.Contains(EcsApi.EcsApiFieldManager, managed);
    }

    [Fact]
    public async Task KeyWithSeveralGroups_ImpersonatesEveryGroup()
    {
        var keys = await fixture.CreateNamespaceAsync("ecsapi-keys");
        var ns = await fixture.CreateNamespaceAsync("ecsapi-groups");

        // The user has no rights of its own; each group one right, so a call succeeds only if its group was sent.
        await GrantGroupAsync(ns, "cluster-readers", EcsCluster.Plural);
        await GrantGroupAsync(ns, "task-definition-readers", EcsTaskDefinition.Plural);
        await using var host = await EcsApiHarness.StartAsync(fixture.KubeconfigPath, keys, ns);

        (string Groups, bool ListsClusters, bool ListsTaskDefinitions)[] cases =
        [
            ("cluster-readers,task-definition-readers", true, true),
            ("cluster-readers", true, false),
            ("task-definition-readers", false, true),
        ];
        foreach (var (groups, listsClusters, listsTaskDefinitions) in cases)
        {
            var (id, secret) = await host.CreateKeyAsync(fixture.Client, "dave-" + groups.Replace(',', '-'), ns, "dave", groups);
            var dave = new AwsCli(host.Endpoint, id, secret);

            var clusters = await dave.TryAsync("list-clusters");
            var revisions = await dave.TryAsync("list-task-definitions");

            Assert.True(listsClusters ? clusters.Answer is not null : clusters.ErrorCode == "AccessDeniedException", $"{groups}: list-clusters {clusters.Error}");
            Assert.True(listsTaskDefinitions ? revisions.Answer is not null : revisions.ErrorCode == "AccessDeniedException", $"{groups}: list-task-definitions {revisions.Error}");
        }
    }

    [Fact]
    public async Task ClientErrors_AwsCliAndBoto3_GetTheAwsErrorTypes()
    {
        var keys = await fixture.CreateNamespaceAsync("ecsapi-keys");
        var ns = await fixture.CreateNamespaceAsync("ecsapi-errors");
        await EcsApiHarness.GrantAsync(fixture.Client, ns, "carol");
        await using var host = await EcsApiHarness.StartAsync(fixture.KubeconfigPath, keys, ns);
        var (id, secret) = await host.CreateKeyAsync(fixture.Client, "carol", ns, "carol");
        var carol = new AwsCli(host.Endpoint, id, secret);
        await carol.RunAsync("create-cluster");

        (AwsCli Client, string[] Args, string Code)[] cases =
        [
            (new AwsCli(host.Endpoint, id, secret + "x"), ["list-clusters"], "InvalidSignatureException"),
            (new AwsCli(host.Endpoint, "AKIAUNKNOWN0000", secret), ["list-clusters"], "UnrecognizedClientException"),
            (new AwsCli(host.Endpoint, id, secret, region: "us-east-1"), ["list-clusters"], "InvalidSignatureException"),
            (carol, ["list-account-settings"], "UnknownOperationException"),
            (carol, ["describe-services", "--cluster", "nope", "--services", "web"], "ClusterNotFoundException"),
            (carol, ["update-service", "--service", "nope", "--desired-count", "1"], "ServiceNotFoundException"),
            (carol, ["delete-service", "--service", "nope"], "ServiceNotFoundException"),
            (carol, ["describe-task-definition", "--task-definition", "nope:3"], "ClientException"),
            (carol, ["create-service", "--service-name", "Not_A_Name", "--task-definition", "web"], "InvalidParameterException"),
            (carol, ["describe-clusters", "--clusters", "arn:aws:ecs:eu-west-1:000000000000:cluster/default"], "InvalidParameterException"),
            (carol, ["list-services", "--max-results", "1000"], "InvalidParameterException"),
        ];
        foreach (var (client, args, expected) in cases)
        {
            var (_, code, error) = await client.TryAsync(args);
            Assert.True(code == expected, $"aws ecs {string.Join(' ', args)}: expected {expected}, got: {error}");
        }

        // What the CLI checks itself (a required member, a member's type), boto3 sends when told not to check.
        var script = $$"""
            import json, boto3, botocore.config, botocore.exceptions
            ecs = boto3.client("ecs", endpoint_url="{{host.Endpoint}}", verify=False, config=botocore.config.Config(parameter_validation=False, retries={"max_attempts": 1}))
            calls = {
                "missing": lambda: ecs.describe_services(cluster="default"),
                "type": lambda: ecs.update_service(service="web", desiredCount="three"),
                "nested": lambda: ecs.register_task_definition(family="web", containerDefinitions=[{"name": "app", "image": "nginx", "cpu": "lots"}]),
                "ok": lambda: ecs.list_clusters(),
            }
            out = {}
            for name, call in calls.items():
                try:
                    answer = call()
                    out[name] = {"ok": True, "status": answer["ResponseMetadata"]["HTTPStatusCode"]}
                except botocore.exceptions.ClientError as e:
                    out[name] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            print(json.dumps(out))
            """;
        var file = Path.Combine(Path.GetTempPath(), $"ecs-api-errors-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var (exit, stdout, stderr) = await ChildProcess.RunAsync("python3", [file], TimeSpan.FromSeconds(60), environment: AwsCli.Environment(id, secret, "local"));
            Assert.True(exit == 0, stderr);
            var answers = JsonNode.Parse(stdout)!;
            Assert.Equal(("InvalidParameterException", 400), ((string?)answers["missing"]!["code"], (int)answers["missing"]!["status"]!));
            Assert.Contains("services", (string?)answers["missing"]!["message"], StringComparison.Ordinal);
            Assert.Equal(("SerializationException", 400), ((string?)answers["type"]!["code"], (int)answers["type"]!["status"]!));
            Assert.Contains("desiredCount", (string?)answers["type"]!["message"], StringComparison.Ordinal);
            Assert.Equal("SerializationException", (string?)answers["nested"]!["code"]);
            Assert.Contains("containerDefinitions[0].cpu", (string?)answers["nested"]!["message"], StringComparison.Ordinal);
            Assert.True((bool)answers["ok"]!["ok"]!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task GrantGroupAsync(string ns, string group, string plural)
    {
        await fixture.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new() { Name = "list-" + plural },
            Rules = [new V1PolicyRule { ApiGroups = [EcsApi.Group], Resources = [plural], Verbs = ["get", "list"] }],
        }, ns);
        await fixture.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new() { Name = group },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "list-" + plural },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = group, ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
    }

    private static List<string> Arns(JsonNode answer, string member) => [.. answer[member]!.AsArray().Select(n => (string)n!)];
}
