using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.TaskDefinitions;

/// <summary>A revision registers only when its pod template is one the cluster's API server accepts; the error names the field.</summary>
public class TaskDefinitionValidatorTests
{
    private static EcsTaskDefinition Td(string container) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
        Spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>($$"""{"containerDefinitions": [{{container}}]}"""),
    };

    [Fact]
    public void Validate_ValidSpec_NoError()
    {
        Assert.Null(TaskDefinitionValidator.Validate(Td("""{"name": "app", "image": "nginx", "memory": 128}"""), "web").Error);
    }

    [Theory]
    [InlineData("""{"name": "app", "image": "nginx", "dnsServers": ["not-an-ip"]}""", "containerDefinitions[0].dnsServers[0]")]
    [InlineData("""{"name": "app", "image": "nginx", "dnsSearchDomains": ["..."]}""", "containerDefinitions[0].dnsSearchDomains[0]")]
    [InlineData("""{"name": "app", "image": "nginx", "environment": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}]}""", "containerDefinitions[0].environment[1].name")]
    [InlineData("""{"name": "app", "image": "nginx", "environment": [{"name": "A", "value": "1"}], "secrets": [{"name": "A", "valueFrom": "/p/a"}]}""", "containerDefinitions[0].secrets[0].name")]
    [InlineData("""{"name": "app", "image": "nginx", "portMappings": [{"containerPort": 80}, {"containerPort": 80}]}""", "containerDefinitions[0].portMappings[1]")]
    [InlineData("""{"name": "app", "image": "nginx", "healthCheck": {"command": ["CMD-SHELL"]}}""", "containerDefinitions[0].healthCheck.command")]
    [InlineData("""{"name": "app", "image": "nginx", "extraHosts": [{"hostname": "a_b", "ipAddress": "10.0.0.1"}]}""", "containerDefinitions[0].extraHosts[0].hostname")]
    public void Validate_SpecTheApiServerWouldRefuse_ErrorNamesTheField(string container, string field)
    {
        var error = TaskDefinitionValidator.Validate(Td(container), "web").Error;

        Assert.NotNull(error);
        Assert.StartsWith(field + ":", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SearchListTooLongForTheClustersVersion_RefusedOnlyThere()
    {
        var domains = string.Join(", ", Enumerable.Range(0, 5).Select(i => $"\"{new string((char)('a' + i), 60)}.com\""));
        var td = Td($$"""{"name": "app", "image": "nginx", "dnsSearchDomains": [{{domains}}]}""");

        var old = TaskDefinitionValidator.Validate(td, "web", ClusterCapabilities.Kubernetes120).Error;

        // No mapper checks the list's length: the pod-template check against the API server's rules does.
        Assert.NotNull(old);
        Assert.StartsWith("pod template spec.template.spec.dnsConfig.searches:", old, StringComparison.Ordinal);
        Assert.Null(TaskDefinitionValidator.Validate(td, "web", ClusterCapabilities.Kubernetes130).Error);
    }

    [Fact]
    public void Validate_VariableNameOnlyNewKubernetesAccepts_RefusedOn120()
    {
        var td = Td("""{"name": "app", "image": "nginx", "environment": [{"name": "MY VAR", "value": "1"}]}""");

        Assert.StartsWith("containerDefinitions[0].environment[0].name:", TaskDefinitionValidator.Validate(td, "web", ClusterCapabilities.Kubernetes120).Error, StringComparison.Ordinal);
        Assert.Null(TaskDefinitionValidator.Validate(td, "web").Error);
    }

    [Fact]
    public void Validate_WhatOnlyAClusterPolicyRefuses_Registers()
    {
        // Policy belongs to the cluster a workload runs in: registration must not refuse what a cluster may allow.
        var td = Td("""
            {
              "name": "app", "image": "nginx:1.27", "memory": 128,
              "portMappings": [{ "containerPort": 80, "hostPort": 8080 }],
              "systemControls": [{ "namespace": "net.core.somaxconn", "value": "1024" }],
              "dockerSecurityOptions": ["apparmor:unconfined", "label:type:spc_t"]
            }
            """);
        td.Spec.NetworkMode = "bridge";

        Assert.Null(TaskDefinitionValidator.Validate(td, "web").Error);
    }

    [Theory]
    [InlineData("""{ "taskRoleArn": "arn:aws:iam::1:role/default", "containerDefinitions": [{ "name": "app", "image": "nginx" }] }""", "taskRoleArn")]
    [InlineData("""{ "volumes": [{ "name": "d", "efsVolumeConfiguration": { "fileSystemId": "FS-0123ABCD" } }], "containerDefinitions": [{ "name": "app", "image": "nginx" }] }""", "volumes[0].efsVolumeConfiguration.fileSystemId")]
    public void Validate_WhatNoPolicyAllows_RefusedNamingTheField(string json, string field)
    {
        var td = new EcsTaskDefinition
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team-a" },
            Spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(json),
        };

        var error = TaskDefinitionValidator.Validate(td, "web").Error;

        Assert.NotNull(error);
        Assert.StartsWith(field + ": ", error, StringComparison.Ordinal);
    }
}
