using System.Net;
using EcsOnK8s.Operator.Hosting;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>Flags, environment variables and appsettings.json into validated options; no cluster needed.</summary>
public sealed class OperatorOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecsonk8s-options-").FullName;
    private readonly Dictionary<string, string?> _environment = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_NothingSet_Defaults()
    {
        var options = Load();

        Assert.Empty(options.Namespaces);
        Assert.Equal(4, options.Workers);
        Assert.Equal(8080, options.MetricsPort);
        Assert.Equal(IPAddress.Loopback, options.BindAddress);
        Assert.False(options.JsonLogs);
        Assert.Equal(LogEventLevel.Information, options.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(20), options.ShutdownTimeout);
        Assert.True(options.LeaderElection.Enabled);
        Assert.Equal("default", options.LeaderElection.LeaseNamespace);
        Assert.Equal("ecsonk8s-operator", options.LeaderElection.LeaseName);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaderElection.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaderElection.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), options.LeaderElection.RetryPeriod);
    }

    [Fact]
    public void Read_InCluster_JsonLogsAllInterfacesAndPodNamespace()
    {
        _environment["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
        _environment["POD_NAMESPACE"] = "ecsonk8s-system";
        _environment["HOSTNAME"] = "ecsonk8s-7d9f-abcde";

        var options = Load();

        Assert.True(options.JsonLogs);
        Assert.Equal(IPAddress.Any, options.BindAddress);
        Assert.Equal("ecsonk8s-system", options.LeaderElection.LeaseNamespace);
        Assert.StartsWith("ecsonk8s-7d9f-abcde_", options.LeaderElection.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AllFlags_Applied()
    {
        var options = Load(
            "--namespaces", "team-a, team-b", "--workers=8", "--leader-election", "false",
            "--leader-election-namespace", "ops", "--leader-election-id", "my-lease", "--lease-duration", "20s",
            "--renew-deadline", "12s", "--retry-period", "3s", "--metrics-port", "9090", "--bind-address", "0.0.0.0",
            "--log-format", "json", "--log-level", "debug", "--shutdown-timeout", "1m");

        Assert.Equal(["team-a", "team-b"], options.Namespaces);
        Assert.Equal(8, options.Workers);
        Assert.False(options.LeaderElection.Enabled);
        Assert.Equal("ops", options.LeaderElection.LeaseNamespace);
        Assert.Equal("my-lease", options.LeaderElection.LeaseName);
        Assert.Equal(TimeSpan.FromSeconds(20), options.LeaderElection.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(12), options.LeaderElection.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(3), options.LeaderElection.RetryPeriod);
        Assert.Equal(9090, options.MetricsPort);
        Assert.Equal(IPAddress.Any, options.BindAddress);
        Assert.True(options.JsonLogs);
        Assert.Equal(LogEventLevel.Debug, options.LogLevel);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ShutdownTimeout);
    }

    [Fact]
    public void Read_BareBooleanFlag_True()
    {
        _environment["ECSONK8S_LEADER_ELECTION"] = "false";

        var options = Load("--leader-election", "--workers", "2");

        Assert.True(options.LeaderElection.Enabled);
        Assert.Equal(2, options.Workers);
    }

    [Fact]
    public void Read_ThreeSources_FlagsOverEnvironmentOverFile()
    {
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"), """
            { "Operator": { "Workers": 2, "MetricsPort": 9000, "LogLevel": "Warning", "Namespaces": ["from-file-a", "from-file-b"] } }
            """);
        _environment["ECSONK8S_WORKERS"] = "3";
        _environment["ECSONK8S_METRICS_PORT"] = "9001";

        var options = Load("--workers", "5");

        Assert.Equal(5, options.Workers);
        Assert.Equal(9001, options.MetricsPort);
        Assert.Equal(LogEventLevel.Warning, options.LogLevel);
        Assert.Equal(["from-file-a", "from-file-b"], options.Namespaces);
    }

    [Theory]
    [InlineData("unknown flag --frobnicate", "--frobnicate", "1")]
    [InlineData("--workers needs a value", "--workers")]
    [InlineData("unexpected argument 'stray'", "stray")]
    [InlineData("'abc' is not a whole number", "--workers", "abc")]
    [InlineData("out of range", "--workers", "0")]
    [InlineData("is not a port", "--metrics-port", "70000")]
    [InlineData("'maybe' is not true or false", "--leader-election", "maybe")]
    [InlineData("is not a duration", "--lease-duration", "soon")]
    [InlineData("whole number of seconds", "--lease-duration", "1500ms")]
    [InlineData("must be shorter than the lease duration", "--renew-deadline", "20s")]
    [InlineData("is not an IP address", "--bind-address", "localhost")]
    [InlineData("is not one of auto, json, text", "--log-format", "yaml")]
    [InlineData("'Team_A' is not a valid namespace name", "--namespaces", "ok,Team_A")]
    [InlineData("does not exist", "--kubeconfig", "/nonexistent/kubeconfig")]
    [InlineData("must be positive", "--shutdown-timeout", "0s")]
    [InlineData("--ecs-api: needs --ecs-api-tls-cert and --ecs-api-tls-key, or --ecs-api-allow-http=true", "--ecs-api", "true")]
    [InlineData("give both or neither", "--ecs-api", "true", "--ecs-api-tls-cert", "/etc/hosts")]
    [InlineData("is taken by the metrics or events port", "--ecs-api", "true", "--ecs-api-allow-http", "true", "--ecs-api-port", "8080")]
    [InlineData("'Team_A' is not a valid namespace name", "--ecs-api", "true", "--ecs-api-allow-http", "true", "--ecs-api-keys-namespace", "Team_A")]
    [InlineData("must be between 1s and 5m", "--ecs-api", "true", "--ecs-api-allow-http", "true", "--ecs-api-request-timeout", "10m")]
    [InlineData("--ecs-api-rate: must be above 0", "--ecs-api", "true", "--ecs-api-allow-http", "true", "--ecs-api-rate", "0")]
    [InlineData("--ecs-api-burst: must be between 1 and 1000000", "--ecs-api", "true", "--ecs-api-allow-http", "true", "--ecs-api-burst", "0")]
    public void Read_BadValue_ClearError(string expected, params string[] args)
    {
        var error = Assert.Throws<OperatorOptionsException>(() => Load(args));

        Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BadEnvironmentVariable_ErrorNamesTheVariable()
    {
        _environment["ECSONK8S_WORKERS"] = "many";

        var error = Assert.Throws<OperatorOptionsException>(() => Load());

        Assert.Contains(error.Errors, e => e.Contains("ECSONK8S_WORKERS", StringComparison.Ordinal) && e.Contains("'many'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SeveralProblems_AllReported()
    {
        var badValues = Assert.Throws<OperatorOptionsException>(() => Load("--workers", "x", "--metrics-port", "y", "--log-format", "z"));
        var badFlags = Assert.Throws<OperatorOptionsException>(() => Load("--nope", "1", "--workers", "--nada"));

        Assert.Equal(3, badValues.Errors.Count);
        Assert.Equal(3, badFlags.Errors.Count);
    }

    [Fact]
    public async Task RunAsync_BadFlag_ExitCode2AndMessage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await OperatorApplication.RunAsync(["--workers", "-3"], stdout, stderr);

        Assert.Equal(OperatorApplication.ExitUsage, exitCode);
        Assert.Contains("ecsonk8s-operator: --workers", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnreadableKubeconfig_ExitCode2()
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "this: is: not: a kubeconfig");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await OperatorApplication.RunAsync(["--kubeconfig", kubeconfig, "--metrics-port", "0"], stdout, stderr);

        Assert.Equal(OperatorApplication.ExitUsage, exitCode);
        Assert.Contains("Kubernetes configuration", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryFlagWithItsVariable()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await OperatorApplication.RunAsync(["--help"], stdout, stderr);

        Assert.Equal(OperatorApplication.ExitOk, exitCode);
        foreach (var option in OperatorOptionDefinitions.All)
        {
            Assert.Contains($"--{option.Flag} ", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains(option.EnvironmentVariable, stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Build_Flags_RuntimeOptionsForTheControllers()
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);
        string[] args = ["--kubeconfig", kubeconfig, "--workers", "7", "--namespaces", " team-a ,team-b", "--metrics-port", "0", "--discovery-interval", "90s"];
        var configuration = OperatorOptionsLoader.BuildConfiguration(args, _environment.GetValueOrDefault, null, out _);
        var options = OperatorOptionsLoader.Read(configuration, _environment.GetValueOrDefault);

        await using var app = OperatorApplication.Build(options, configuration, _environment.GetValueOrDefault);

        Assert.Equal(7, app.Services.GetRequiredService<ControllerOptions>().Workers);
        Assert.Equal(["team-a", "team-b"], app.Services.GetRequiredService<InformerOptions>().Namespaces);
        Assert.Equal(TimeSpan.FromSeconds(90), app.Services.GetRequiredService<EcsOnK8s.Runtime.Discovery.DiscoveryOptions>().Interval);
        Assert.Equal(TimeSpan.FromSeconds(90), app.Services.GetRequiredService<EcsOnK8s.Runtime.Discovery.ClusterCapabilitiesDiscovery>().RefreshInterval);
        var appConfiguration = app.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("team-a,team-b", appConfiguration["Operator:Namespaces"]);
        Assert.Equal("7", appConfiguration["Operator:Workers"]);
        Assert.Equal("http://127.0.0.1:9/", app.Services.GetRequiredService<k8s.IKubernetes>().BaseUri.ToString());
    }

    private OperatorOptions Load(params string[] args)
    {
        var configuration = OperatorOptionsLoader.BuildConfiguration(args, _environment.GetValueOrDefault, _directory, out _);
        return OperatorOptionsLoader.Read(configuration, _environment.GetValueOrDefault);
    }
}
