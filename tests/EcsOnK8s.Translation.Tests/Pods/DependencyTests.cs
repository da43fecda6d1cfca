using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class DependencyTests
{
    private static EcsTaskDefinitionSpec ProxyAppMigrate()
    {
        var proxy = Container("proxy");
        proxy.HealthCheck = new HealthCheck { Command = ["CMD", "/ready"], Interval = 5, Retries = 2 };
        var migrate = Container("migrate");
        migrate.Essential = false;
        var app = Container("app");
        app.DependsOn =
        [
            new ContainerDependency { ContainerName = "proxy", Condition = "HEALTHY" },
            new ContainerDependency { ContainerName = "migrate", Condition = "SUCCESS" },
        ];
        return Spec(app, proxy, migrate);
    }

    [Fact]
    public void Build_NativeSidecars_HealthyBecomesSidecarWithStartupProbe()
    {
        var (result, report) = Build(ProxyAppMigrate(), capabilities: ClusterCapabilities.Kubernetes130);
        var pod = result.Template.Spec;
        Assert.Equal(["app"], pod.Containers.Select(c => c.Name));
        Assert.Equal(["proxy", "migrate"], pod.InitContainers.Select(c => c.Name));
        var proxy = result.Init("proxy");
        Assert.Equal("Always", proxy.RestartPolicy);
        Assert.Equal(["/ready"], proxy.StartupProbe.Exec.Command);
        Assert.Equal(2, proxy.StartupProbe.FailureThreshold);
        var migrate = result.Init("migrate");
        Assert.Null(migrate.RestartPolicy);
        Assert.Null(migrate.LivenessProbe);
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[0].dependsOn[0].condition").Disposition);
        Assert.Contains("waits for the unrelated proxy", report.Entry("containerDefinitions[0].dependsOn[1].condition").Reason, StringComparison.Ordinal);
        Assert.False(report.HasRejections);
        Assert.Equal("proxy,app", result.Template.Metadata.Annotations["ecsonk8s.io/essential-containers"]);
    }

    [Fact]
    public void Build_Kubernetes120_StartOrderedAndApproximated()
    {
        var (result, report) = Build(ProxyAppMigrate(), capabilities: ClusterCapabilities.Kubernetes120);
        var pod = result.Template.Spec;
        Assert.Equal(["proxy", "app"], pod.Containers.Select(c => c.Name));
        Assert.Equal(["migrate"], pod.InitContainers.Select(c => c.Name));
        Assert.Null(result.Ctr("proxy").RestartPolicy);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].dependsOn[0].condition").Disposition);
        Assert.Contains("1.20", report.Entry("containerDefinitions[0].dependsOn[0].condition").Reason, StringComparison.Ordinal);
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[0].dependsOn[1].condition").Disposition);
    }

    [Fact]
    public void Build_Complete_InitContainerApproximatedAsSuccess()
    {
        var setup = Container("setup");
        var app = Container("app");
        app.DependsOn = [new ContainerDependency { ContainerName = "setup", Condition = "COMPLETE" }];
        var (result, report) = Build(Spec(setup, app));
        Assert.Equal(["setup"], result.Template.Spec.InitContainers.Select(c => c.Name));
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[1].dependsOn[0].condition").Disposition);
    }

    [Fact]
    public void Build_Chain_StableTopologicalOrderMapped()
    {
        var a = Container("a");
        var b = Container("b");
        b.DependsOn = [new ContainerDependency { ContainerName = "a", Condition = "START" }];
        var c = Container("c");
        c.DependsOn = [new ContainerDependency { ContainerName = "b", Condition = "START" }];
        var (result, report) = Build(Spec(c, b, a));
        Assert.Equal(["a", "b"], result.Template.Spec.InitContainers.Select(x => x.Name));
        Assert.Equal(["c"], result.Template.Spec.Containers.Select(x => x.Name));
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[0].dependsOn[0].condition").Disposition);
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[1].dependsOn[0].condition").Disposition);
    }

    [Fact]
    public void Build_Cycle_Rejected()
    {
        var a = Container("a");
        a.DependsOn = [new ContainerDependency { ContainerName = "b", Condition = "START" }];
        var b = Container("b");
        b.DependsOn = [new ContainerDependency { ContainerName = "a", Condition = "START" }];
        var (_, report) = Build(Spec(a, b, Container("c")));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].dependsOn[0].containerName").Disposition);
        Assert.Contains("cycle", report.Entry("containerDefinitions[1].dependsOn[0].containerName").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownDependency_Rejected()
    {
        var a = Container("a");
        a.DependsOn = [new ContainerDependency { ContainerName = "ghost", Condition = "START" }];
        var (_, report) = Build(Spec(a));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].dependsOn[0].containerName").Disposition);
    }

    [Fact]
    public void Build_HealthyWithoutHealthCheck_Rejected()
    {
        var a = Container("a");
        a.DependsOn = [new ContainerDependency { ContainerName = "b", Condition = "HEALTHY" }];
        var (_, report) = Build(Spec(a, Container("b")));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].dependsOn[0].condition").Disposition);
    }
}
