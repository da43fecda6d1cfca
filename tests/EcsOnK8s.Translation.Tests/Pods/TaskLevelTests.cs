using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class TaskLevelTests
{
    [Theory]
    [InlineData("X86_64", "LINUX", "amd64", "linux", null)]
    [InlineData("ARM64", "LINUX", "arm64", "linux", null)]
    [InlineData("X86_64", "WINDOWS_SERVER_2019_CORE", "amd64", "windows", "10.0.17763")]
    [InlineData("X86_64", "WINDOWS_SERVER_2022_FULL", "amd64", "windows", "10.0.20348")]
    public void Build_RuntimePlatform_NodeSelector(string arch, string os, string karch, string kos, string? build)
    {
        var spec = Spec(Container());
        spec.RuntimePlatform = new RuntimePlatform { CpuArchitecture = arch, OperatingSystemFamily = os };
        var (result, _) = Build(spec);
        var selector = result.Template.Spec.NodeSelector;
        Assert.Equal(karch, selector["kubernetes.io/arch"]);
        Assert.Equal(kos, selector["kubernetes.io/os"]);
        Assert.Equal(build, selector.TryGetValue("node.kubernetes.io/windows-build", out var b) ? b : null);
    }

    [Fact]
    public void Build_PlacementConstraints_AndedIntoNodeAffinity()
    {
        var spec = Spec(Container());
        spec.PlacementConstraints =
        [
            new() { Type = "memberOf", Expression = "attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]" },
            new() { Type = "memberOf", Expression = "attribute:ecs.instance-type == m5.large or attribute:ecs.instance-type == c5.large" },
        ];
        var (result, report) = Build(spec);
        var terms = result.Template.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms;
        Assert.Equal(2, terms.Count);
        Assert.All(terms, t => Assert.Equal(2, t.MatchExpressions.Count));
        Assert.Equal(Disposition.Mapped, report.Entry("placementConstraints[1].expression").Disposition);
    }

    [Fact]
    public void Build_TaskRole_ServiceAccountCompanion()
    {
        var spec = Spec(Container());
        spec.TaskRoleArn = "arn:aws:iam::123456789012:role/app/WebTaskRole";
        spec.ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
        var (result, report) = Build(spec, new EcsClusterSpec { ImagePullSecrets = ["registry"] });
        var sa = result.Companions.OfType<V1ServiceAccount>().Single();
        Assert.Equal("webtaskrole", sa.Metadata.Name);
        Assert.Equal("arn:aws:iam::123456789012:role/app/WebTaskRole", sa.Metadata.Annotations[WellKnownAnnotations.EksRoleArn]);
        Assert.Equal("webtaskrole", result.Template.Spec.ServiceAccountName);
        Assert.Equal(["registry"], result.Template.Spec.ImagePullSecrets.Select(s => s.Name));
        Assert.Equal(Disposition.Approximated, report.Entry("executionRoleArn").Disposition);
    }

    [Fact]
    public void Build_RepositoryCredentials_PullSecretFromArn()
    {
        var c = Container();
        c.RepositoryCredentials = new RepositoryCredentials { CredentialsParameter = "arn:aws:secretsmanager:us-east-1:1:secret:dockerhub-AbCdEf" };
        var (result, _) = Build(Spec(c));
        Assert.Equal(["dockerhub-pull"], result.Template.Spec.ImagePullSecrets.Select(s => s.Name));
    }

    [Fact]
    public void Build_Tags_SanitisedLabels()
    {
        var spec = Spec(Container());
        spec.Tags = [new() { Key = "team", Value = "payments" }, new() { Key = "cost center", Value = "R&D / 42" }];
        var (result, report) = Build(spec);
        var labels = result.Template.Metadata.Labels;
        Assert.Equal("payments", labels[WellKnownLabels.TagPrefix + "team"]);
        Assert.Equal("R-D---42", labels[WellKnownLabels.TagPrefix + "cost-center"]);
        Assert.Equal(Disposition.Approximated, report.Entry("tags[1].key").Disposition);
        Assert.Equal("web", labels["app.kubernetes.io/name"]);
    }

    [Fact]
    public void Build_Annotations_TaskDefinitionIdentifier()
    {
        var (result, _) = Build(Spec(Container()));
        Assert.Equal("web:3", result.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);
        Assert.Equal("Always", result.Template.Spec.RestartPolicy);
    }

    [Theory]
    [InlineData("pidMode", "task")]
    [InlineData("ipcMode", "none")]
    [InlineData("networkMode", "none")]
    public void Build_Namespaces_Reported(string field, string value)
    {
        var spec = Spec(Container());
        typeof(EcsTaskDefinitionSpec).GetProperty(char.ToUpperInvariant(field[0]) + field[1..])!.SetValue(spec, value);
        var (result, report) = Build(spec);
        Assert.NotEqual(Disposition.Rejected, report.Entry(field).Disposition);
        if (field == "pidMode")
        {
            Assert.True(result.Template.Spec.ShareProcessNamespace);
        }
    }

    [Fact]
    public void Build_ReadOnlyDescribeFields_Ignored()
    {
        var spec = Spec(Container());
        spec.TaskDefinitionArn = "arn:aws:ecs:us-east-1:1:task-definition/web:3";
        spec.Revision = 3;
        spec.Status = "ACTIVE";
        spec.RegisteredAt = "2024-01-01T00:00:00Z";
        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Ignored, report.Entry("taskDefinitionArn").Disposition);
        Assert.Contains("read-only", report.Entry("registeredAt").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoContainers_Rejected()
    {
        var (_, report) = Build(new EcsTaskDefinitionSpec { Family = "x", ContainerDefinitions = [] });
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions").Disposition);
    }
}
