using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.TaskDefinitions;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>The objects reconciler tests seed their caches with, in namespace "shop".</summary>
public static class Seeds
{
    public const string Namespace = "shop";

    public static EcsCluster Cluster(string name = "prod", string spec = "{}") => Resource<EcsCluster>("EcsCluster", name, spec);

    /// <summary>Task definition "web" (one nginx container), its current spec already seen by its controller.</summary>
    public static EcsTaskDefinition TaskDefinition(string container = """{"name": "app", "image": "nginx", "memory": 128}""", bool seen = true)
    {
        var td = Resource<EcsTaskDefinition>("EcsTaskDefinition", "web", $$"""{"containerDefinitions": [{{container}}]}""");
        td.Status = new EcsTaskDefinitionStatus { ObservedGeneration = seen ? 1 : 0 };
        return td;
    }

    /// <summary>Revision <paramref name="number"/> of <paramref name="td"/>, as its controller registers it.</summary>
    public static V1ControllerRevision Revision(EcsTaskDefinition td, int number) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ControllerRevision",
        Metadata = new V1ObjectMeta
        {
            Name = TaskDefinitionReconciler.RevisionName(td.Metadata.Name, number),
            NamespaceProperty = Namespace,
            Uid = $"uid-revision-{number}",
            Labels = new Dictionary<string, string>
            {
                [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue,
                [WellKnownLabels.Family] = td.Metadata.Name,
            },
            OwnerReferences = [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = "EcsTaskDefinition", Name = td.Metadata.Name, Uid = td.Metadata.Uid, Controller = true }],
        },
        Revision = number,
        Data = JsonDocument.Parse(TaskDefinitionNormalizer.Normalize(td.Spec, td.Metadata.Name).CanonicalJson).RootElement.Clone(),
    };

    public static EcsService Service(string spec = """{"cluster": "prod", "taskDefinition": "web", "desiredCount": 2}""") =>
        Resource<EcsService>("EcsService", "api", spec);

    public static EcsTask Task(string spec = """{"cluster": "prod", "taskDefinition": "web", "count": 1}""") =>
        Resource<EcsTask>("EcsTask", "once", spec);

    public static EcsScheduledTask Schedule(string expression = "rate(1 hour)") =>
        Resource<EcsScheduledTask>("EcsScheduledTask", "nightly", $$"""
            {"cluster": "prod", "scheduleExpression": "{{expression}}",
             "target": {"arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "ecsParameters": {"taskDefinitionArn": "web"} } }
            """);

    private static T Resource<T>(string kind, string name, string spec)
        where T : class
    {
        return KubernetesJson.Deserialize<T>($$"""
            {"apiVersion": "{{EcsApi.ApiVersion}}", "kind": "{{kind}}",
             "metadata": {"name": "{{name}}", "namespace": "{{Namespace}}", "uid": "uid-{{kind}}-{{name}}", "generation": 1},
             "spec": {{spec}}}
            """);
    }
}
