using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

public class RollingUpdateBoundsTests
{
    [Theory]
    [InlineData(null, null, "100%", "0%", Disposition.Mapped)] // ECS defaults 100/200
    [InlineData(50, 200, "100%", "50%", Disposition.Mapped)]
    [InlineData(0, 100, "0%", "100%", Disposition.Mapped)]
    [InlineData(100, 100, "1", "0%", Disposition.Approximated)] // Kubernetes refuses 0/0
    [InlineData(75, 150, "50%", "25%", Disposition.Mapped)]
    [InlineData(50, 50, "0%", "50%", Disposition.Approximated)]
    public void ForDeployment_EcsPercents_ValidKubernetesBounds(int? min, int? max, string surge, string unavailable, Disposition disposition)
    {
        var b = RollingUpdateBounds.ForDeployment(min, max);

        Assert.Equal(surge, b.MaxSurge.Value);
        Assert.Equal(unavailable, b.MaxUnavailable.Value);
        Assert.Equal(disposition, b.Disposition);
        Assert.False(b.MaxSurge.Value is "0" or "0%" && b.MaxUnavailable.Value is "0" or "0%");
    }

    [Theory]
    [InlineData(null, "100%")]
    [InlineData(50, "50%")]
    [InlineData(100, "1")]
    public void ForDaemonSet_MinimumHealthy_MaxUnavailableAboveZero(int? min, string unavailable)
    {
        Assert.Equal(unavailable, RollingUpdateBounds.ForDaemonSet(min).MaxUnavailable.Value);
    }
}
