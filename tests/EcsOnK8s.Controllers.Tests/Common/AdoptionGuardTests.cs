using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Common;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Common;

public class AdoptionGuardTests
{
    [Fact]
    public void IsForeign_Absent_False() => Assert.False(AdoptionGuard.IsForeign(null));

    [Fact]
    public void IsForeign_LabelledManagedByEcsOnK8s_False() =>
        Assert.False(AdoptionGuard.IsForeign(Account(new() { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue })));

    [Theory]
    [InlineData(null)]
    [InlineData("Helm")]
    [InlineData("ECSONK8S")]
    [InlineData("")]
    public void IsForeign_ExistsWithoutTheEcsOnK8sLabel_True(string? managedBy) =>
        Assert.True(AdoptionGuard.IsForeign(Account(managedBy is null ? null : new() { [WellKnownLabels.ManagedBy] = managedBy })));

    [Fact]
    public void IsForeign_NoMetadataAtAll_True() => Assert.True(AdoptionGuard.IsForeign(new V1ServiceAccount()));

    private static V1ServiceAccount Account(Dictionary<string, string>? labels) =>
        new() { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = "team-a", Labels = labels } };
}
