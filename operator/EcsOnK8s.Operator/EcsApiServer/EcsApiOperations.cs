using System.Text.Json.Nodes;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>The operations served, by their ECS names; every one is in the embedded ECS model (a unit test checks both lists agree).</summary>
public static class EcsApiOperations
{
    private static readonly Dictionary<string, Func<EcsApiContext, JsonObject, Task<JsonObject>>> Handlers = new(StringComparer.Ordinal)
    {
        ["RegisterTaskDefinition"] = TaskDefinitionOperations.RegisterAsync,
        ["DeregisterTaskDefinition"] = TaskDefinitionOperations.DeregisterAsync,
        ["DescribeTaskDefinition"] = TaskDefinitionOperations.DescribeAsync,
        ["ListTaskDefinitions"] = TaskDefinitionOperations.ListAsync,
        ["ListTaskDefinitionFamilies"] = TaskDefinitionOperations.ListFamiliesAsync,
        ["CreateCluster"] = ClusterOperations.CreateAsync,
        ["DescribeClusters"] = ClusterOperations.DescribeAsync,
        ["ListClusters"] = ClusterOperations.ListAsync,
        ["DeleteCluster"] = ClusterOperations.DeleteAsync,
        ["PutClusterCapacityProviders"] = ClusterOperations.PutCapacityProvidersAsync,
        ["CreateService"] = ServiceOperations.CreateAsync,
        ["UpdateService"] = ServiceOperations.UpdateAsync,
        ["DeleteService"] = ServiceOperations.DeleteAsync,
        ["DescribeServices"] = ServiceOperations.DescribeAsync,
        ["ListServices"] = ServiceOperations.ListAsync,
        ["RunTask"] = TaskOperations.RunAsync,
        ["StopTask"] = TaskOperations.StopAsync,
        ["DescribeTasks"] = TaskOperations.DescribeAsync,
        ["ListTasks"] = TaskOperations.ListAsync,
        ["TagResource"] = TagOperations.TagAsync,
        ["UntagResource"] = TagOperations.UntagAsync,
        ["ListTagsForResource"] = TagOperations.ListAsync,
    };

    public static IReadOnlyCollection<string> Names => Handlers.Keys;

    internal static Func<EcsApiContext, JsonObject, Task<JsonObject>>? Find(string operation) => Handlers.GetValueOrDefault(operation);
}
