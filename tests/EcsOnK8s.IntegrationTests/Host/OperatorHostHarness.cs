using EcsOnK8s.Operator.Hosting;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.LeaderElection;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>The real operator host in-process, with a <see cref="ProbeController"/> and an ephemeral port.</summary>
internal sealed class OperatorHostHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private OperatorHostHarness(WebApplication app)
    {
        _app = app;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public ProbeController Probe => _app.Services.GetServices<IManagedController>().OfType<ProbeController>().Single();

    public OperatorStatus Status => _app.Services.GetRequiredService<OperatorStatus>();

    public LeaderElectionRunner Elector => _app.Services.GetRequiredService<LeaderElectionRunner>();

    public RuntimeMetrics RuntimeMetrics => _app.Services.GetRequiredService<RuntimeMetrics>();

    /// <summary>The host's services, for tests that drive a part of it directly (e.g. the event bus).</summary>
    public IServiceProvider Services => _app.Services;

    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts a host with flags as the command line would pass them, on a free port of 127.0.0.1.</summary>
    public static Task<OperatorHostHarness> StartAsync(string kubeconfig, params string[] flags) => StartAsync(kubeconfig, ownMetrics: false, flags);

    /// <summary>
    /// As <see cref="StartAsync(string, string[])"/>; with <paramref name="ownMetrics"/> the runtime's counters go to
    /// a registry of this host alone (read through <see cref="RuntimeMetrics"/>), not the process-wide one that every
    /// host in the test process shares. (The leader election's metrics stay process-wide.)
    /// </summary>
    public static async Task<OperatorHostHarness> StartAsync(string kubeconfig, bool ownMetrics, params string[] flags)
    {
        var environment = new Dictionary<string, string?> { ["HOSTNAME"] = "host-test" };
        string[] args = ["--kubeconfig", kubeconfig, "--metrics-port", "0", "--log-format", "text", "--log-level", "Warning", .. flags];
        var configuration = OperatorOptionsLoader.BuildConfiguration(args, environment.GetValueOrDefault, settingsDirectory: null, out _);
        var options = OperatorOptionsLoader.Read(configuration, environment.GetValueOrDefault);
        var app = OperatorApplication.Build(options, configuration, environment.GetValueOrDefault, services =>
        {
            services.AddSingleton<IManagedController>(sp => new ProbeController(sp.GetRequiredService<IKubernetes>()));
            if (ownMetrics)
            {
                services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
            }
        });
        var harness = new OperatorHostHarness(app);
        await app.StartAsync();
        harness.BaseAddress = new Uri(app.Urls.Single());
        return harness;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(BaseAddress, path));

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
    }
}
