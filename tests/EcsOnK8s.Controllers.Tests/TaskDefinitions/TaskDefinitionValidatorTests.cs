using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.TaskDefinitions;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.TaskDefinitions;

public class TaskDefinitionValidatorTests
{
    private static EcsTaskDefinition TaskDefinition(string json) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team-a" },
        Spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(json),
    };

    [Fact]
    public void Validate_WhatOnlyAClusterPolicyRefuses_Registers()
    {
        // Policy belongs to the cluster a workload runs in: registration must not refuse what a cluster may allow.
        var (error, _) = TaskDefinitionValidator.Validate(TaskDefinition("""
            {
              "networkMode": "bridge",
              "containerDefinitions": [{
                "name": "app", "image": "nginx:1.27", "memory": 128,
                "portMappings": [{ "containerPort": 80, "hostPort": 8080 }],
                "systemControls": [{ "namespace": "net.core.somaxconn", "value": "1024" }],
                "dockerSecurityOptions": ["apparmor:unconfined", "label:type:spc_t"]
              }]
            }
            """), "web");
        Assert.Null(error);
    }

    [Theory]
    [InlineData("""{ "taskRoleArn": "arn:aws:iam::1:role/default", "containerDefinitions": [{ "name": "app", "image": "nginx" }] }""", "taskRoleArn")]
    [InlineData("""{ "volumes": [{ "name": "d", "efsVolumeConfiguration": { "fileSystemId": "FS-0123ABCD" } }], "containerDefinitions": [{ "name": "app", "image": "nginx" }] }""", "volumes[0].efsVolumeConfiguration.fileSystemId")]
    public void Validate_WhatNoPolicyAllows_RefusedNamingTheField(string json, string field)
    {
        var (error, _) = TaskDefinitionValidator.Validate(TaskDefinition(json), "web");
        Assert.NotNull(error);
        Assert.StartsWith(field + ": ", error, StringComparison.Ordinal);
    }
}
