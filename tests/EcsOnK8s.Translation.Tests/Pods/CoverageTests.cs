using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Tests.Support;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class CoverageTests
{
    public static TheoryData<int, bool> Variants => new() { { 0, true }, { 1, true }, { 2, false }, { 3, false } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Build_EveryFieldSet_EveryLeafPathReportedByARule(int variant, bool modern)
    {
        var spec = SpecFiller.Fill<EcsTaskDefinitionSpec>(variant);
        var cluster = SpecFiller.Fill<EcsClusterSpec>(variant);
        var capabilities = modern ? ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = "external-secrets.io/v1" } : ClusterCapabilities.Kubernetes120;
        var leaves = ReportCoverage.LeafPaths(spec);
        Assert.True(leaves.Count > 150, $"the filler should reach every field, got {leaves.Count} leaves");

        var (_, report) = Build(spec, cluster, capabilities, runToCompletion: variant % 2 == 1);

        var named = report.Entries.ToDictionary(e => e.Path, e => e, StringComparer.Ordinal);
        var missing = leaves.Where(l => !named.ContainsKey(l)).ToList();
        Assert.True(missing.Count == 0, "not in the report: " + string.Join(", ", missing));
        Assert.True(JsonLeafPaths.Of(spec).Count >= leaves.Count, "the JSON oracle should see at least the walker's leaves");
        var unreported = JsonLeafPaths.Unreported(spec, report);
        Assert.True(unreported.Count == 0, "JSON leaves not in the report: " + string.Join(", ", unreported));
        var unhandled = report.Entries.Where(e => e.Reason == PodTemplateBuilder.UnhandledReason).Select(e => e.Path).ToList();
        Assert.True(unhandled.Count == 0, "no rule for: " + string.Join(", ", unhandled));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Build_EveryOverrideSet_EveryOverridePathReported(int variant)
    {
        var spec = SpecFiller.Fill<EcsTaskDefinitionSpec>(variant);
        var overrides = SpecFiller.Fill<TaskOverride>(variant);
        overrides.ContainerOverrides![0].Name = spec.ContainerDefinitions![0].Name;
        var (_, report) = Build(spec, overrides: overrides);

        var named = report.Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var missing = ReportCoverage.LeafPaths(overrides, "overrides").Where(l => !named.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "not in the report: " + string.Join(", ", missing));
        var unreported = JsonLeafPaths.Unreported(overrides, report, "overrides");
        Assert.True(unreported.Count == 0, "JSON leaves not in the report: " + string.Join(", ", unreported));
    }

    [Fact]
    public void LeafPaths_NestedLists_IndexedPaths()
    {
        var spec = new EcsTaskDefinitionSpec
        {
            ContainerDefinitions = [new ContainerDefinition { Name = "a", Ulimits = [new Ulimit { Name = "nofile", SoftLimit = 1 }], EntryPoint = ["x"] }],
            Volumes = [new Volume { EfsVolumeConfiguration = new EfsVolumeConfiguration { AuthorizationConfig = new EfsAuthorizationConfig { AccessPointId = "fsap-1" } } }],
        };
        Assert.Equal(
            [
                "containerDefinitions[0].name",
                "containerDefinitions[0].entryPoint",
                "containerDefinitions[0].ulimits[0].name",
                "containerDefinitions[0].ulimits[0].softLimit",
                "volumes[0].efsVolumeConfiguration.authorizationConfig.accessPointId",
            ],
            ReportCoverage.LeafPaths(spec));
    }
}
