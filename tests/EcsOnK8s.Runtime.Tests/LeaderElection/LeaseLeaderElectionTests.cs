using EcsOnK8s.Runtime.LeaderElection;
using k8s;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

public sealed class LeaseLeaderElectionTests
{
    [Fact]
    public void CreateConfig_Options_LeaseLockWithTheirTimings()
    {
        using var client = OfflineClient();
        var options = new LeaderElectionOptions
        {
            LeaseName = "my-lease",
            LeaseNamespace = "ops",
            LeaseDuration = TimeSpan.FromSeconds(20),
            RenewDeadline = TimeSpan.FromSeconds(12),
            RetryPeriod = TimeSpan.FromSeconds(3),
        };

        var config = LeaseLeaderElection.CreateConfig(client, options, "pod-1_abc");

        Assert.IsType<k8s.LeaderElection.ResourceLock.LeaseLock>(config.Lock);
        Assert.Equal("ops/my-lease", config.Lock.Describe());
        Assert.Equal("pod-1_abc", config.Lock.Identity);
        Assert.Equal(TimeSpan.FromSeconds(20), config.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(12), config.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(3), config.RetryPeriod);
    }

    [Fact]
    public void CreateConfig_Defaults_FifteenTenTwo()
    {
        using var client = OfflineClient();

        var config = LeaseLeaderElection.CreateConfig(client, new LeaderElectionOptions { LeaseNamespace = "default" }, "me");

        Assert.Equal("default/ecsonk8s-operator", config.Lock.Describe());
        Assert.Equal((15, 10, 2), ((int)config.LeaseDuration.TotalSeconds, (int)config.RenewDeadline.TotalSeconds, (int)config.RetryPeriod.TotalSeconds));
    }

    [Fact]
    public void CreateConfig_InvalidOptions_Throws()
    {
        using var client = OfflineClient();
        var options = new LeaderElectionOptions { LeaseNamespace = "default", RenewDeadline = TimeSpan.FromSeconds(20) };

        var error = Assert.Throws<ArgumentException>(() => LeaseLeaderElection.CreateConfig(client, options, "me"));
        Assert.Contains("renew deadline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateConfig_NoNamespace_Throws()
    {
        using var client = OfflineClient();

        Assert.Throws<ArgumentException>(() => LeaseLeaderElection.CreateConfig(client, new LeaderElectionOptions(), "me"));
    }

    [Fact]
    public void Create_HostName_PrefixAndRandomSuffix()
    {
        var first = LeaderElectionIdentity.Create("ecsonk8s-operator-7d9f-abcde");
        var second = LeaderElectionIdentity.Create("ecsonk8s-operator-7d9f-abcde");

        Assert.StartsWith("ecsonk8s-operator-7d9f-abcde_", first, StringComparison.Ordinal);
        Assert.Matches("_[0-9a-f]{10}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Create_NoHostName_FallsBackToMachineName()
    {
        var identity = LeaderElectionIdentity.Create("  ");

        Assert.StartsWith(Environment.MachineName + "_", identity, StringComparison.Ordinal);
    }

    private static Kubernetes OfflineClient() => new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
}
