using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using System.Text.Json;
using k8s;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// What the living-cluster benchmark runs: small services of 2 tasks (8 CPU units, 32 MiB, so that hundreds fit on a
/// few hollow nodes). A quarter scale on CPU (an HPA, whose controller writes its status), a quarter mount an EFS file
/// system (a PersistentVolume and a claim, which the PV controller binds), a quarter have a task role (a
/// ServiceAccount, which the token controller gives a secret), the rest are plain; the one whose field the
/// per-change phase changes is plain.
/// </summary>
internal static class LivingWorkload
{
    public const string ChangedService = "svc-00003";

    public static Task CreateClusterAsync(IKubernetes client, string ns, CancellationToken cancellationToken) =>
        BenchWorkload.CreateAsync(client, ns, EcsCluster.Plural, Json(
            ("apiVersion", EcsApi.ApiVersion), ("kind", EcsCluster.KindName), ("metadata", new { name = "default" }),
            ("spec", new { storage = new { sharedVolumeSize = "1Gi", efsCsiStaticBinding = true } })), cancellationToken);

    public static async Task CreateServiceAsync(IKubernetes client, string ns, int i, CancellationToken cancellationToken)
    {
        var family = BenchWorkload.TaskDefinitionName(i);
        var kind = i % 4;
        var container = new Dictionary<string, object>
        {
            ["name"] = "app",
            ["image"] = "nginx:1.27",
            ["cpu"] = 8,
            ["memoryReservation"] = 32,
            ["portMappings"] = new[] { new { containerPort = 8080, name = "http" } },
        };
        var spec = new Dictionary<string, object> { ["family"] = family, ["containerDefinitions"] = new[] { container } };
        if (kind == 1)
        {
            container["mountPoints"] = new[] { new { sourceVolume = "shared", containerPath = "/data" } };
            spec["volumes"] = new[]
            {
                new { name = "shared", efsVolumeConfiguration = new { fileSystemId = "fs-" + i.ToString("x8", CultureInfo.InvariantCulture), rootDirectory = "/" } },
            };
        }
        else if (kind == 2)
        {
            spec["taskRoleArn"] = $"arn:aws:iam::123456789012:role/{family}";
        }

        await BenchWorkload.CreateAsync(client, ns, EcsTaskDefinition.Plural, Json(
            ("apiVersion", EcsApi.ApiVersion), ("kind", EcsTaskDefinition.KindName), ("metadata", new { name = family }), ("spec", spec)), cancellationToken).ConfigureAwait(false);

        var service = new Dictionary<string, object> { ["taskDefinition"] = family, ["desiredCount"] = 2 };
        if (kind == 0)
        {
            service["autoScaling"] = new
            {
                minCapacity = 2,
                maxCapacity = 4,
                targetTrackingPolicies = new[]
                {
                    new { policyName = "cpu", targetValue = 60, predefinedMetricSpecification = new { predefinedMetricType = "ECSServiceAverageCPUUtilization" } },
                },
            };
        }

        await BenchWorkload.CreateAsync(client, ns, EcsService.Plural, Json(
            ("apiVersion", EcsApi.ApiVersion), ("kind", EcsService.KindName), ("metadata", new { name = BenchWorkload.ServiceName(i) }), ("spec", service)), cancellationToken).ConfigureAwait(false);
    }

    private static string Json(params (string Name, object Value)[] fields) =>
        JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));
}
