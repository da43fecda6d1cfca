using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>minimumHealthyPercent as a PodDisruptionBudget, skipped where it would block every eviction.</summary>
public class DisruptionBudgetTests
{
    private static RenderResult Render(int? minimumHealthy, int desired, ClusterCapabilities? capabilities = null, string? strategy = null, ServiceAutoScaling? scaling = null) =>
        Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition("web", 1, new EcsTaskDefinitionSpec
            {
                Family = "web",
                ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx:1.27", Memory = 256 }],
            }),
            Service = new EcsService
            {
                Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
                Spec = new EcsServiceSpec
                {
                    DesiredCount = strategy == "DAEMON" ? null : desired,
                    SchedulingStrategy = strategy,
                    AutoScaling = scaling,
                    DeploymentConfiguration = minimumHealthy is null ? null : new DeploymentConfiguration { MinimumHealthyPercent = minimumHealthy, MaximumPercent = 200 },
                },
            },
            Capabilities = capabilities ?? ClusterCapabilities.Kubernetes130,
        });

    private static ReportEntry Entry(RenderResult result) =>
        result.Report.Entries.Single(e => e.Path == "service.deploymentConfiguration.minimumHealthyPercent");

    public static TheoryData<int, int, string?, Disposition, string> Cases => new()
    {
        // minimumHealthyPercent, desiredCount -> minAvailable (null: no budget), disposition, report wording
        { 50, 4, "50%", Disposition.Mapped, "PodDisruptionBudget web (policy/v1) minAvailable 50%: a drain keeps at least 2 of 4 task(s) running" },
        { 75, 4, "75%", Disposition.Mapped, "keeps at least 3 of 4" },
        { 50, 3, "50%", Disposition.Mapped, "keeps at least 2 of 3" },
        { 99, 200, "99%", Disposition.Mapped, "keeps at least 198 of 200" },
        { 50, 1, null, Disposition.Approximated, "no PodDisruptionBudget: 50% of 1 desired task(s) keeps all 1 and would block every eviction" },
        { 100, 1, null, Disposition.Approximated, "no PodDisruptionBudget: 100% of 1 desired task(s) keeps all 1 and would block every eviction" },
        { 100, 10, null, Disposition.Approximated, "100% of 10 desired task(s) keeps all 10" },
        { 90, 5, null, Disposition.Approximated, "90% of 5 desired task(s) keeps all 5" },
        { 0, 4, null, Disposition.Mapped, "no PodDisruptionBudget: 0% lets a drain evict every task" },
        { 50, 0, null, Disposition.Mapped, "no PodDisruptionBudget while the desired count is 0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_MinimumHealthyPercent_BudgetOrNoneReported(int minimumHealthy, int desired, string? minAvailable, Disposition disposition, string wording)
    {
        var result = Render(minimumHealthy, desired);

        var budget = result.Objects.OfType<V1PodDisruptionBudget>().SingleOrDefault();
        Assert.Equal(minAvailable, budget?.Spec.MinAvailable?.Value);
        Assert.Equal(disposition, Entry(result).Disposition);
        Assert.Contains("; drains: ", Entry(result).Reason, StringComparison.Ordinal);
        Assert.Contains(wording, Entry(result).Reason, StringComparison.Ordinal);
        // The oracle: the disruption controller's own arithmetic (ceil) leaves at least one eviction allowed.
        if (budget is not null)
        {
            Assert.True((int)Math.Ceiling(desired * minimumHealthy / 100.0) < desired);
        }
    }

    [Fact]
    public void Render_Budget_SelectsEveryTaskOfTheService()
    {
        var result = Render(50, 4);

        var budget = Assert.Single(result.Objects.OfType<V1PodDisruptionBudget>());
        var deployment = Assert.Single(result.Objects.OfType<V1Deployment>());
        Assert.Equal(("policy/v1", "web", "shop"), (budget.ApiVersion, budget.Metadata.Name, budget.Metadata.NamespaceProperty));
        Assert.Equal(deployment.Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);
        Assert.Null(budget.Spec.MaxUnavailable);
    }

    [Fact]
    public void Render_Kubernetes120_PolicyV1Beta1()
    {
        Assert.Equal("policy/v1beta1", Assert.Single(Render(50, 4, ClusterCapabilities.Kubernetes120).Objects.OfType<V1PodDisruptionBudget>()).ApiVersion);
    }

    [Fact]
    public void Render_NoMinimumHealthyPercent_NoBudgetNoEntry()
    {
        var result = Render(null, 4);

        Assert.Empty(result.Objects.OfType<V1PodDisruptionBudget>());
        Assert.DoesNotContain(result.Report.Entries, e => e.Path.Contains("minimumHealthyPercent", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_DaemonService_NoBudget()
    {
        var result = Render(50, 0, strategy: "DAEMON");

        Assert.Empty(result.Objects.OfType<V1PodDisruptionBudget>());
        Assert.DoesNotContain("PodDisruptionBudget", Entry(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AutoScaledService_BudgetFollowsTheDesiredCountInForce()
    {
        var scaling = new ServiceAutoScaling { MinCapacity = 1, MaxCapacity = 10 };

        Assert.Empty(Render(50, 1, scaling: scaling).Objects.OfType<V1PodDisruptionBudget>());
        Assert.Single(Render(50, 6, scaling: scaling).Objects.OfType<V1PodDisruptionBudget>());
    }
}
