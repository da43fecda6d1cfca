using EcsOnK8s.Runtime.LeaderElection;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

public sealed class LeaderElectionOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrorsAndDocumentedTimings()
    {
        var options = new LeaderElectionOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryPeriod);
        Assert.True(options.Enabled);
    }

    [Theory]
    [InlineData(10, 10, 2, "shorter than the lease duration")]
    [InlineData(10, 12, 2, "shorter than the lease duration")]
    [InlineData(15, 2, 2, "1.2 x the retry period")]
    [InlineData(15, 10, 0, "retry period 0s must be positive")]
    [InlineData(15, 0, 2, "renew deadline 0s must be positive")]
    [InlineData(0, 0.5, 0.1, "at least 1s")]
    public void Validate_InconsistentTimings_NamesTheProblem(double lease, double renew, double retry, string expected)
    {
        var options = new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
        };

        Assert.Contains(options.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FractionalLeaseDuration_Rejected()
    {
        // The Lease stores whole seconds: 2.5 s would be written as 2 s.
        var options = new LeaderElectionOptions { LeaseDuration = TimeSpan.FromSeconds(2.5), RenewDeadline = TimeSpan.FromSeconds(1), RetryPeriod = TimeSpan.FromMilliseconds(200) };

        var error = Assert.Single(options.Validate());
        Assert.Contains("whole number of seconds", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortButConsistentTimings_Accepted()
    {
        var options = new LeaderElectionOptions { LeaseDuration = TimeSpan.FromSeconds(1), RenewDeadline = TimeSpan.FromMilliseconds(500), RetryPeriod = TimeSpan.FromMilliseconds(100) };

        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("Bad_Name", null)]
    [InlineData("ok", "Not-A-Namespace")]
    [InlineData("", null)]
    public void Validate_BadNames_Rejected(string leaseName, string? leaseNamespace)
    {
        var options = new LeaderElectionOptions { LeaseName = leaseName, LeaseNamespace = leaseNamespace };

        Assert.NotEmpty(options.Validate());
    }

    [Fact]
    public void Validate_Disabled_IgnoresTimings()
    {
        var options = new LeaderElectionOptions { Enabled = false, LeaseDuration = TimeSpan.Zero };

        Assert.Empty(options.Validate());
    }
}
