using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Testing.Common;
using k8s;

namespace EcsOnK8s.Controllers.Tests.TaskDefinitions;

public class TaskDefinitionNormalizerTests
{
    private const string Web = """
        {
          "family": "web",
          "containerDefinitions": [
            {
              "name": "app", "image": "nginx:1.27", "memory": 512,
              "portMappings": [{ "containerPort": 80 }],
              "environment": [{ "name": "B", "value": "2" }, { "name": "A", "value": "1" }],
              "dockerLabels": { "z": "1", "a": "2" }
            }
          ]
        }
        """;

    private static EcsTaskDefinitionSpec Spec(string json) => KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(json);

    [Fact]
    public void Normalize_SameSpecTwice_SameHash()
    {
        Assert.Equal(
            TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash,
            TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash);
    }

    [Fact]
    public void Normalize_ReadOnlyDescribeFields_DoNotChangeTheRevision()
    {
        var described = Spec(Web);
        described.TaskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7";
        described.Revision = 7;
        described.Status = "ACTIVE";
        described.RegisteredAt = "1700000000.123";
        described.Compatibilities = ["EC2", "FARGATE"];
        described.InactiveRevisions = [1, 2];

        Assert.Equal(TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash, TaskDefinitionNormalizer.Normalize(described, "web").Hash);
    }

    [Fact]
    public void Normalize_EcsDefaultsSpelledOut_SameHashAsOmitted()
    {
        var explicitDefaults = Spec(Web.ReplaceRequired("\"memory\": 512,", "\"memory\": 512, \"essential\": true, \"mountPoints\": [], \"volumesFrom\": [],")
            .ReplaceRequired("\"containerPort\": 80 }", "\"containerPort\": 80, \"protocol\": \"tcp\" }"));

        Assert.Equal(TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash, TaskDefinitionNormalizer.Normalize(explicitDefaults, "web").Hash);
    }

    [Fact]
    public void Normalize_MapKeysReordered_SameHash()
    {
        var reordered = Spec(Web.ReplaceRequired("{ \"z\": \"1\", \"a\": \"2\" }", "{ \"a\": \"2\", \"z\": \"1\" }"));

        Assert.Equal(TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash, TaskDefinitionNormalizer.Normalize(reordered, "web").Hash);
    }

    [Fact]
    public void Normalize_EnvironmentReordered_NewRevision()
    {
        // Order of environment variables matters to $(VAR) expansion, so it is content.
        var reordered = Spec(Web.ReplaceRequired(
            "[{ \"name\": \"B\", \"value\": \"2\" }, { \"name\": \"A\", \"value\": \"1\" }]",
            "[{ \"name\": \"A\", \"value\": \"1\" }, { \"name\": \"B\", \"value\": \"2\" }]"));

        Assert.NotEqual(TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash, TaskDefinitionNormalizer.Normalize(reordered, "web").Hash);
    }

    [Fact]
    public void Normalize_ImageChanged_NewRevision()
    {
        var changed = Spec(Web.ReplaceRequired("nginx:1.27", "nginx:1.28"));

        Assert.NotEqual(TaskDefinitionNormalizer.Normalize(Spec(Web), "web").Hash, TaskDefinitionNormalizer.Normalize(changed, "web").Hash);
    }

    [Fact]
    public void Normalize_NoFamily_TakesTheResourceName()
    {
        var spec = Spec(Web);
        spec.Family = null;

        var normalized = TaskDefinitionNormalizer.Normalize(spec, "frontend");

        Assert.Equal("frontend", normalized.Family);
        Assert.Equal("frontend", normalized.Spec.Family);
        Assert.True(normalized.Spec.ContainerDefinitions![0].Essential);
    }
}
