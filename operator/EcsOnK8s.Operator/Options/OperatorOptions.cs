using System.Net;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Runtime.LeaderElection;
using Serilog.Events;

namespace EcsOnK8s.Operator.Options;

/// <summary>The operator host's settings, read by <see cref="OperatorOptionsLoader"/> and validated.</summary>
public sealed class OperatorOptions
{
    /// <summary>Namespaces to watch; empty means every namespace.</summary>
    public IReadOnlyList<string> Namespaces { get; set; } = [];

    /// <summary>Concurrent reconciles per controller.</summary>
    public int Workers { get; set; } = 4;

    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>Port of /healthz, /readyz and /metrics; 0 lets the system pick one (tests).</summary>
    public int MetricsPort { get; set; } = 8080;

    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    public LogFormat LogFormat { get; set; } = LogFormat.Auto;

    public LogEventLevel LogLevel { get; set; } = LogEventLevel.Information;

    /// <summary>Explicit kubeconfig file; null lets <see cref="Hosting.KubernetesConfigLoader"/> decide.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>How long in-flight reconciles may run after the stop signal before the process exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How late a scheduled task's run may still start after its fire time.</summary>
    public TimeSpan ScheduleCatchUpWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a task's pod may be refused before the task is stopped (TaskFailedToStart).</summary>
    public TimeSpan TaskStartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the served APIs (and so the installed integrations) are discovered again.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The events endpoint (off by default).</summary>
    public EventsEndpointOptions EventsEndpoint { get; set; } = new();

    /// <summary>The ECS API endpoint (off by default).</summary>
    public EcsApiEndpointOptions EcsApi { get; set; } = new();

    /// <summary>ECS events and EcsEventRule delivery (section Events).</summary>
    public EventDeliveryOptions Events { get; set; } = new();

    /// <summary>True when the process runs in a pod (KUBERNETES_SERVICE_HOST set).</summary>
    public bool InCluster { get; set; }

    /// <summary>Whether logs are written as JSON, after resolving <see cref="LogFormat.Auto"/>.</summary>
    public bool JsonLogs => LogFormat == LogFormat.Json || (LogFormat == LogFormat.Auto && InCluster);

    /// <summary>One message per problem, naming the flag; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var ns in Namespaces)
        {
            if (ns.Length > 63 || !ns.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || ns.StartsWith('-') || ns.EndsWith('-'))
            {
                errors.Add($"--{OperatorOptionDefinitions.Namespaces.Flag}: '{ns}' is not a valid namespace name");
            }
        }

        if (Workers is < 1 or > 256)
        {
            errors.Add($"--{OperatorOptionDefinitions.Workers.Flag}: {Workers} is out of range (1 to 256)");
        }

        if (MetricsPort is < 0 or > 65535)
        {
            errors.Add($"--{OperatorOptionDefinitions.MetricsPort.Flag}: {MetricsPort} is not a port (0 to 65535)");
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            errors.Add($"--{OperatorOptionDefinitions.ShutdownTimeout.Flag}: must be positive");
        }

        if (ScheduleCatchUpWindow < TimeSpan.FromSeconds(1))
        {
            errors.Add($"--{OperatorOptionDefinitions.ScheduleCatchUpWindow.Flag}: must be at least 1s");
        }

        if (TaskStartTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add($"--{OperatorOptionDefinitions.TaskStartTimeout.Flag}: must be at least 1s");
        }

        if (DiscoveryInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"--{OperatorOptionDefinitions.DiscoveryInterval.Flag}: must be at least 1s");
        }

        if (Events.Settings.Account.Length != 12 || !Events.Settings.Account.All(char.IsAsciiDigit))
        {
            errors.Add($"--{OperatorOptionDefinitions.EventsAccount.Flag}: '{Events.Settings.Account}' is not a 12-digit AWS account");
        }

        if (Events.Settings.Region.Length == 0 || !Events.Settings.Region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add($"--{OperatorOptionDefinitions.EventsRegion.Flag}: '{Events.Settings.Region}' is not a region name (letters, digits, '-')");
        }

        if (Events.MaxInvocationsPerMinute is < 1 or > 1_000_000)
        {
            errors.Add($"--{OperatorOptionDefinitions.EventsMaxInvocationsPerMinute.Flag}: {Events.MaxInvocationsPerMinute} is out of range (1 to 1000000)");
        }

        if (Events.RetryBaseDelay < TimeSpan.FromMilliseconds(10) || Events.RetryBaseDelay > Events.RetryMaxDelay)
        {
            errors.Add($"--{OperatorOptionDefinitions.EventsRetryBaseDelay.Flag}: must be between 10ms and {Events.RetryMaxDelay.TotalMinutes:0}m");
        }

        if (Events.HttpTimeout < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"--{OperatorOptionDefinitions.EventsHttpTimeout.Flag}: must be at least 100ms");
        }

        if (Kubeconfig is not null && !File.Exists(Kubeconfig))
        {
            errors.Add($"--{OperatorOptionDefinitions.Kubeconfig.Flag}: {Kubeconfig} does not exist");
        }

        errors.AddRange(EventsEndpoint.Validate(MetricsPort));
        errors.AddRange(EcsApi.Validate(MetricsPort, EventsEndpoint.Enabled ? EventsEndpoint.Port : -1));
        errors.AddRange(LeaderElection.Validate().Select(e => $"leader election: {e}"));
        return errors;
    }
}
