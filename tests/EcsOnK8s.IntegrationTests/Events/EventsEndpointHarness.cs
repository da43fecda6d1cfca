using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Operator.Events;
using EcsOnK8s.Operator.Hosting;
using EcsOnK8s.Operator.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>The real operator host in-process with the events endpoint on a free port and a <see cref="RecordingEventBus"/>.</summary>
internal sealed class EventsEndpointHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RecordingEventBus? _bus;

    private EventsEndpointHarness(WebApplication app, RecordingEventBus? bus)
    {
        _app = app;
        _bus = bus;
    }

    /// <summary>The recording bus, unless the test gave its own.</summary>
    public RecordingEventBus Bus => _bus ?? throw new InvalidOperationException("the host runs the test's own bus");

    /// <summary>The events endpoint, e.g. https://127.0.0.1:41234/.</summary>
    public Uri EventsAddress { get; private set; } = null!;

    /// <summary>The health and metrics port.</summary>
    public Uri MetricsAddress { get; private set; } = null!;

    /// <summary>Starts a host watching <paramref name="ns"/> only, without leader election, with extra flags.</summary>
    public static Task<EventsEndpointHarness> StartAsync(string kubeconfig, string ns, params string[] flags) =>
        StartAsync(kubeconfig, ns, null, flags);

    /// <summary>As above, with <paramref name="ownBus"/> in place of a <see cref="RecordingEventBus"/>.</summary>
    public static Task<EventsEndpointHarness> StartAsync(string kubeconfig, string ns, IEventBus? ownBus, params string[] flags) =>
        StartAsync(kubeconfig, ns, ownBus, realBus: false, flags);

    /// <summary>
    /// The whole chain: the operator's own <see cref="IEventBus"/> (rules, pending records, dispatcher, targets),
    /// watching <paramref name="namespaces"/> (comma-separated); leader election as the flags say (off unless given).
    /// </summary>
    public static Task<EventsEndpointHarness> StartWithRulesAsync(string kubeconfig, string namespaces, params string[] flags) =>
        StartAsync(kubeconfig, namespaces, ownBus: null, realBus: true, flags);

    /// <summary>The host's services, for tests that look at its parts (e.g. the rule registry).</summary>
    public IServiceProvider Services => _app.Services;

    private static async Task<EventsEndpointHarness> StartAsync(string kubeconfig, string ns, IEventBus? ownBus, bool realBus, string[] flags)
    {
        var environment = new Dictionary<string, string?> { ["HOSTNAME"] = "events-test" };
        string[] args =
        [
            "--kubeconfig", kubeconfig, "--metrics-port", "0", "--log-format", "text", "--log-level", "Warning",
            .. flags.Contains("--leader-election") ? Array.Empty<string>() : ["--leader-election", "false"],
            "--namespaces", ns, "--events-endpoint", "true", "--events-endpoint-port", "0", .. flags,
        ];
        var configuration = OperatorOptionsLoader.BuildConfiguration(args, environment.GetValueOrDefault, settingsDirectory: null, out _);
        var options = OperatorOptionsLoader.Read(configuration, environment.GetValueOrDefault);
        var bus = ownBus is null && !realBus ? new RecordingEventBus() : null;
        var app = OperatorApplication.Build(options, configuration, environment.GetValueOrDefault, services =>
        {
            if (!realBus)
            {
                services.AddSingleton(ownBus ?? bus!);
            }
        });
        var harness = new EventsEndpointHarness(app, bus);
        await app.StartAsync();
        var binding = app.Services.GetRequiredService<EventsEndpointBinding>();
        harness.EventsAddress = new Uri($"{(binding.Tls ? "https" : "http")}://127.0.0.1:{binding.Port}/");
        harness.MetricsAddress = new Uri(app.Urls.Single(u => new Uri(u).Port != binding.Port));
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
