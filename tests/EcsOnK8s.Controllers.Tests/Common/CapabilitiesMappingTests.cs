using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Controllers.Tests.Common;

public class CapabilitiesMappingTests
{
    [Fact]
    public void ToTranslation_Discovered120_OldestApisNoSidecarsNoTimeZone()
    {
        var expected = new ClusterCapabilities
        {
            KubernetesMinor = 20,
            HpaApiVersion = "autoscaling/v2beta2",
            CronJobApiVersion = "batch/v1beta1",
            PdbApiVersion = "policy/v1beta1",
            NativeSidecars = false,
            CronJobTimeZone = false,
        };

        Assert.Equal(expected, CapabilitiesMapping.ToTranslation(Discovered(1, 20, "autoscaling/v2beta2", "batch/v1beta1", "policy/v1beta1")));
        Assert.Equal(expected, ClusterCapabilities.Kubernetes120);
    }

    [Fact]
    public void ToTranslation_Discovered130_NewestApisSidecarsAndTimeZone()
    {
        var expected = new ClusterCapabilities
        {
            KubernetesMinor = 30,
            HpaApiVersion = "autoscaling/v2",
            CronJobApiVersion = "batch/v1",
            PdbApiVersion = "policy/v1",
            NativeSidecars = true,
            CronJobTimeZone = true,
        };

        Assert.Equal(expected, CapabilitiesMapping.ToTranslation(Discovered(1, 30, "autoscaling/v2", "batch/v1", "policy/v1")));
        Assert.Equal(expected, ClusterCapabilities.Kubernetes130);
    }

    [Theory]
    [InlineData(28, false, true)]
    [InlineData(29, true, true)]
    [InlineData(26, false, false)]
    public void ToTranslation_VersionBoundaries_FeaturesFromTheVersion(int minor, bool sidecars, bool timeZone)
    {
        var capabilities = CapabilitiesMapping.ToTranslation(Discovered(1, minor, "autoscaling/v2", "batch/v1", "policy/v1"));

        Assert.Equal((sidecars, timeZone), (capabilities.NativeSidecars, capabilities.CronJobTimeZone));
    }

    [Fact]
    public void ToTranslation_ServedVersionsWin_OverTheVersionTable()
    {
        // A 1.25 server that no longer serves autoscaling/v2 (e.g. a trimmed API): rendering follows what it serves.
        var capabilities = CapabilitiesMapping.ToTranslation(Discovered(1, 25, "autoscaling/v2beta2", "batch/v1", "policy/v1") with
        {
            ExternalSecretApiVersion = "external-secrets.io/v1beta1",
        });

        Assert.Equal(("autoscaling/v2beta2", true), (capabilities.HpaApiVersion, capabilities.ExternalSecrets));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("keda.sh/v1alpha1", "elbv2.k8s.aws/v1beta1", "gateway.networking.k8s.io/v1", "external-secrets.io/v1")]
    [InlineData(null, null, "gateway.networking.k8s.io/v1beta1", "external-secrets.io/v1beta1")]
    public void ToTranslation_Integrations_TheServedVersionsOrNull(string? keda, string? targetGroupBinding, string? httpRoute, string? externalSecret)
    {
        var capabilities = CapabilitiesMapping.ToTranslation(Discovered(1, 30, "autoscaling/v2", "batch/v1", "policy/v1") with
        {
            KedaApiVersion = keda,
            TargetGroupBindingApiVersion = targetGroupBinding,
            HttpRouteApiVersion = httpRoute,
            ExternalSecretApiVersion = externalSecret,
        });

        Assert.Equal(
            (keda, targetGroupBinding, httpRoute, externalSecret, externalSecret is not null),
            (capabilities.KedaApiVersion, capabilities.TargetGroupBindingApiVersion, capabilities.HttpRouteApiVersion, capabilities.ExternalSecretApiVersion, capabilities.ExternalSecrets));
    }

    [Fact]
    public void ToTranslation_NothingDiscoveredYet_The120Preset() =>
        Assert.Same(ClusterCapabilities.Kubernetes120, CapabilitiesMapping.ToTranslation(null));

    private static DiscoveredCapabilities Discovered(int major, int minor, string hpa, string cronJob, string pdb) => new()
    {
        GitVersion = $"v{major}.{minor}.0",
        Major = major,
        Minor = minor,
        HorizontalPodAutoscalerApiVersion = hpa,
        CronJobApiVersion = cronJob,
        PodDisruptionBudgetApiVersion = pdb,
    };
}
