using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

/// <summary>
/// ECS inputs whose pod template the API server would refuse: each is rejected at the ECS field that causes it, and
/// what is left renders a template the independent <see cref="OutputValidator"/> accepts.
/// </summary>
public class RefusedInputTests
{
    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("1")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.1 ")]
    [InlineData("fe80::1%eth0")]
    public void Build_DnsServerNotAnIpAddress_RejectedAtTheServer(string server)
    {
        var c = Container();
        c.DnsServers = ["10.0.0.2", server];

        var (result, report) = Build(Spec(c));

        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].dnsServers[1]").Disposition);
        Assert.Contains(server, report.Entry("containerDefinitions[0].dnsServers[1]").Reason, StringComparison.Ordinal);
        Assert.Equal(["10.0.0.2"], result.Template.Spec.DnsConfig.Nameservers);
    }

    [Theory]
    [InlineData("10.0.0.2")]
    [InlineData("fd00::53")]
    public void Build_DnsServerIpAddress_Mapped(string server)
    {
        var c = Container();
        c.DnsServers = [server];

        var (result, report) = Build(Spec(c));

        Assert.False(report.HasRejections);
        Assert.Equal([server], result.Template.Spec.DnsConfig.Nameservers);
        Assert.Empty(OutputValidator.Problems(result));
    }

    [Theory]
    [InlineData("...")]
    [InlineData(".")]
    [InlineData("a..b")]
    [InlineData("Corp.Example.com")]
    [InlineData("under_score.example.com")]
    [InlineData("-lead.example.com")]
    public void Build_DnsSearchDomainNotASubdomain_RejectedAtTheDomain(string domain)
    {
        var c = Container();
        c.DnsSearchDomains = ["svc.cluster.local", domain];

        var (result, report) = Build(Spec(c));

        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].dnsSearchDomains[1]").Disposition);
        Assert.Equal(["svc.cluster.local"], result.Template.Spec.DnsConfig.Searches);
    }

    [Fact]
    public void Build_DnsSearchDomainWithTrailingDot_Mapped()
    {
        var c = Container();
        c.DnsSearchDomains = ["example.com."];

        var (_, report) = Build(Spec(c));

        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_EnvironmentNameTwice_SecondRejectedNamingTheFirst()
    {
        var c = Container();
        c.Environment = [new() { Name = "MODE", Value = "a" }, new() { Name = "MODE", Value = "b" }];

        var (result, report) = Build(Spec(c));

        var entry = report.Entry("containerDefinitions[0].environment[1].name");
        Assert.Equal(Disposition.Rejected, entry.Disposition);
        Assert.Contains("containerDefinitions[0].environment[0]", entry.Reason, StringComparison.Ordinal);
        Assert.Single(result.Ctr("app").Env);
    }

    [Fact]
    public void Build_SecretNamedLikeAVariable_SecretRejected()
    {
        var c = Container();
        c.Environment = [new() { Name = "DB_PASSWORD", Value = "placeholder" }];
        c.Secrets = [new() { Name = "DB_PASSWORD", ValueFrom = "/prod/db" }];

        var (_, report) = Build(Spec(c));

        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].secrets[0].name").Disposition);
    }

    [Fact]
    public void Build_SameVariableInTwoContainers_Mapped()
    {
        var a = Container("a");
        a.Environment = [new() { Name = "MODE", Value = "a" }];
        var b = Container("b");
        b.Environment = [new() { Name = "MODE", Value = "b" }];

        var (_, report) = Build(Spec(a, b));

        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_ContainerPortTwiceInOneContainer_SecondRejected()
    {
        var c = Container();
        c.PortMappings = [new() { ContainerPort = 8080 }, new() { ContainerPort = 8080, Protocol = "tcp", Name = "again" }];

        var (result, report) = Build(Spec(c));

        var entry = report.Entry("containerDefinitions[0].portMappings[1]");
        Assert.Equal(Disposition.Rejected, entry.Disposition);
        Assert.Contains("8080/TCP", entry.Reason, StringComparison.Ordinal);
        Assert.Single(result.Ctr("app").Ports);
    }

    [Fact]
    public void Build_ContainerPortInTwoContainers_SecondRejected()
    {
        var a = Container("a");
        a.PortMappings = [new() { ContainerPort = 80 }];
        var b = Container("b");
        b.PortMappings = [new() { ContainerPort = 80 }];

        var (_, report) = Build(Spec(a, b));

        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[1].portMappings[0]").Disposition);
    }

    [Fact]
    public void Build_SamePortNumberTcpAndUdp_BothMapped()
    {
        var c = Container();
        c.PortMappings = [new() { ContainerPort = 53 }, new() { ContainerPort = 53, Protocol = "udp" }];

        var (result, report) = Build(Spec(c));

        Assert.False(report.HasRejections);
        Assert.Equal(2, result.Ctr("app").Ports.Count);
    }

    [Theory]
    [InlineData("bad_host", "10.0.0.1", "containerDefinitions[0].extraHosts[0].hostname")]
    [InlineData("db.local", "1", "containerDefinitions[0].extraHosts[0]")]
    public void Build_ExtraHostKubernetesRefuses_Rejected(string hostname, string ip, string path)
    {
        var c = Container();
        c.ExtraHosts = [new() { Hostname = hostname, IpAddress = ip }];

        var (result, report) = Build(Spec(c));

        Assert.Equal(Disposition.Rejected, report.Entry(path).Disposition);
        Assert.Null(result.Template.Spec.HostAliases);
    }

    [Theory]
    [InlineData("CMD-SHELL")]
    [InlineData("CMD-SHELL", " ")]
    public void Build_HealthCheckShellWithoutCommand_Rejected(params string[] command)
    {
        var c = Container();
        c.HealthCheck = new HealthCheck { Command = [.. command] };

        var (result, report) = Build(Spec(c));

        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].healthCheck.command").Disposition);
        Assert.Null(result.Ctr("app").LivenessProbe);
    }

    [Fact]
    public void Build_HealthCheckNone_NoProbeAndNothingKubernetesRefuses()
    {
        var c = Container();
        c.HealthCheck = new HealthCheck { Command = ["NONE"], StartPeriod = 10 };

        var (result, report) = Build(Spec(c));

        Assert.False(report.HasRejections);
        Assert.Null(result.Ctr("app").LivenessProbe);
        Assert.Null(result.Ctr("app").StartupProbe);
        Assert.Empty(OutputValidator.Problems(result));
    }

    [Fact]
    public void Build_VariableNameInvalidOnOldKubernetes_RejectedOnlyThere()
    {
        var c = Container();
        c.Environment = [new() { Name = "1ST", Value = "x" }];

        Assert.Equal(Disposition.Rejected, Build(Spec(c), capabilities: ClusterCapabilities.Kubernetes120).Report.Entry("containerDefinitions[0].environment[0].name").Disposition);
        Assert.False(Build(Spec(c)).Report.HasRejections);
    }
}
