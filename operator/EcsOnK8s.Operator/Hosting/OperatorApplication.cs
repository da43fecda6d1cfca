using System.Net;
using EcsOnK8s.Controllers;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.EcsProtocol.Auth;
using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Shapes;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Operator.EcsApiServer;
using EcsOnK8s.Operator.Endpoints;
using EcsOnK8s.Operator.Events;
using EcsOnK8s.Operator.Options;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.LeaderElection;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using Serilog;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>Builds and runs the operator: Kestrel for health and metrics, the controllers, leader election.</summary>
public static partial class OperatorApplication
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    /// <summary>The whole process: reads flags, environment and appsettings.json, runs until stopped.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        WebApplication app;
        try
        {
            var configuration = OperatorOptionsLoader.BuildConfiguration(
                args, Environment.GetEnvironmentVariable, AppContext.BaseDirectory, out var helpRequested);
            if (helpRequested)
            {
                await stdout.WriteAsync(OperatorOptionsLoader.Usage());
                return ExitOk;
            }

            var options = OperatorOptionsLoader.Read(configuration, Environment.GetEnvironmentVariable);
            app = Build(options, configuration, Environment.GetEnvironmentVariable);
        }
        catch (OperatorOptionsException e)
        {
            foreach (var error in e.Errors)
            {
                await stderr.WriteLineAsync($"ecsonk8s-operator: {error}");
            }

            await stderr.WriteLineAsync("Run 'ecsonk8s-operator --help' for the flags.");
            return ExitUsage;
        }

        await using (app)
        {
            var status = app.Services.GetRequiredService<OperatorStatus>();
            try
            {
                await app.RunAsync();
            }
            catch (Exception e)
            {
                // Kestrel failing to bind, typically: the port is taken.
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorApplication));
                LogHostFailed(logger, e);
                return ExitFailed;
            }

            return status.ExitCode;
        }
    }

    /// <summary>
    /// The operator as a <see cref="WebApplication"/>, not started. Tests call this with their own options and add
    /// services (controllers) through <paramref name="configureServices"/>.
    /// </summary>
    public static WebApplication Build(
        OperatorOptions options,
        IConfiguration configuration,
        Func<string, string?> environment,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var kubernetesConfig = KubernetesConfigLoader.Load(options.Kubeconfig, environment);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "ecsonk8s-operator",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The flags' values as parsed (trimmed, defaulted), for whatever reads the configuration rather than the options.
            [OperatorOptionDefinitions.Namespaces.ConfigurationKey] = string.Join(',', options.Namespaces),
            [OperatorOptionDefinitions.Workers.ConfigurationKey] = options.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var (eventsBinding, certificates) = EventsEndpointParts(options.EventsEndpoint);
        var (ecsApiBinding, ecsApiCertificates) = EcsApiEndpointParts(options.EcsApi);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // A client that holds a connection open without finishing its headers gets 408; bodies are bounded per
            // request by the events endpoint (EndpointLimits).
            kestrel.Limits.RequestHeadersTimeout = options.EventsEndpoint.Limits.HeadersTimeout;
            kestrel.Listen(options.BindAddress, options.MetricsPort);
            if (eventsBinding is not null)
            {
                ListenOn(kestrel, options.BindAddress, options.EventsEndpoint.Port, eventsBinding, certificates);
            }

            if (ecsApiBinding is not null)
            {
                ListenOn(kestrel, options.BindAddress, options.EcsApi.Port, ecsApiBinding, ecsApiCertificates);
            }
        });

        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(OperatorLogging.CreateLogger(options), dispose: true);

        // Workers get the shutdown timeout to drain; the Lease release and the rest of the host need a little more.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout + options.LeaderElection.RenewDeadline + TimeSpan.FromSeconds(5));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CollectorRegistry>(Metrics.DefaultRegistry);
        services.AddSingleton(sp => new RuntimeMetrics(sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton<IKubernetes>(sp =>
        {
            // Watches stay open for minutes; the runtime bounds every other request with its own cancellation.
            kubernetesConfig.HttpClientTimeout = Timeout.InfiniteTimeSpan;

            // With leader election, every write of this client (the controllers' only one) passes the lease fence:
            // a replica that may have lost the Lease sends nothing, whatever its workers still believe.
            var runner = sp.GetService<LeaderElectionRunner>();
            DelegatingHandler[] fence = runner is null ? [] : [new LeaseWriteFenceHandler(runner.Fence)];
            return KubernetesClientFactory.Create(kubernetesConfig, sp.GetRequiredService<RuntimeMetrics>(), fence);
        });
        // Posted events are recorded by whichever replica the Service picked, so the bus writes past the fence.
        services.AddKeyedSingleton<IKubernetes>(EventBus.ClientKey, (sp, _) =>
        {
            var client = KubernetesClientFactory.Create(kubernetesConfig, sp.GetRequiredService<RuntimeMetrics>());
            client.HttpClient.Timeout = TimeSpan.FromSeconds(30);
            return client;
        });
        // What the controllers need from the flags, in the runtime's own types.
        services.AddSingleton(new ControllerOptions { Workers = options.Workers });
        services.AddSingleton(new InformerOptions { Namespaces = options.Namespaces });
        services.AddSingleton(new ScheduledTaskOptions { CatchUpWindow = options.ScheduleCatchUpWindow });
        services.AddSingleton(new TaskOptions { StartTimeout = options.TaskStartTimeout });
        services.AddSingleton(new DiscoveryOptions { Interval = options.DiscoveryInterval });
        services.AddSingleton(options.Events);
        services.AddSingleton<OperatorStatus>();
        services.AddSingleton<HostMetrics>();
        if (options.LeaderElection.Enabled)
        {
            services.AddSingleton(sp => CreateLeaderElectionRunner(
                options, environment, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RuntimeMetrics>(),
                sp.GetRequiredService<ILogger<LeaderElectionRunner>>()));
        }

        services.AddHostedService(sp => new ControllerHostService(
            sp.GetRequiredService<OperatorStatus>(),
            options,
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<ControllerHostService>>(),
            sp.GetService<LeaderElectionRunner>()));

        if (eventsBinding is not null)
        {
            services.AddSingleton(eventsBinding);
            services.AddSingleton(new EndpointGuard(options.EventsEndpoint.Limits));
            services.AddSingleton(sp => new EventCallerAuthorizer(
                CreateReviewClient(options, environment), sp.GetRequiredService<TimeProvider>(), options.EventsEndpoint.AuthCacheDuration,
                sp.GetRequiredService<ILogger<EventCallerAuthorizer>>()));
        }

        if (ecsApiBinding is not null)
        {
            AddEcsApi(services, options, environment, ecsApiBinding);
        }

        services.AddEcsControllers();
        configureServices?.Invoke(services);

        var app = builder.Build();
        if (eventsBinding is not null)
        {
            certificates?.Logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<CertificateFiles>();
            app.MapEventsEndpoint(eventsBinding);
        }

        if (ecsApiBinding is not null)
        {
            ecsApiCertificates?.Logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<CertificateFiles>();
            app.MapEcsApiEndpoint(ecsApiBinding);
        }

        app.MapOperatorEndpoints();
        return app;
    }

    /// <summary>The events endpoint's listener and certificate, when it is enabled; unusable certificate files are an options error.</summary>
    private static (EventsEndpointBinding? Binding, CertificateFiles? Certificates) EventsEndpointParts(EventsEndpointOptions endpoint)
    {
        if (!endpoint.Enabled)
        {
            return (null, null);
        }

        if (!endpoint.UsesTls)
        {
            return (new EventsEndpointBinding(tls: false), null);
        }

        try
        {
            return (new EventsEndpointBinding(tls: true), new CertificateFiles(endpoint.TlsCertificateFile!, endpoint.TlsKeyFile!, TimeProvider.System));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new OperatorOptionsException([$"--{OperatorOptionDefinitions.EventsEndpointTlsCertificate.Flag}: {endpoint.TlsCertificateFile} and {endpoint.TlsKeyFile} are not a usable PEM certificate and key: {e.Message}"]);
        }
    }

    /// <summary>The ECS API endpoint's listener and certificate, when it is enabled; unusable certificate files are an options error.</summary>
    /// <summary>An endpoint's own port, over TLS with <paramref name="certificates"/> (reread as they change) when given.</summary>
    private static void ListenOn(KestrelServerOptions kestrel, IPAddress address, int port, EndpointBinding binding, CertificateFiles? certificates) =>
        kestrel.Listen(address, port, listen =>
        {
            if (certificates is not null)
            {
                listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current);
            }

            binding.Listen = listen;
        });

    private static (EcsApiEndpointBinding? Binding, CertificateFiles? Certificates) EcsApiEndpointParts(EcsApiEndpointOptions endpoint)
    {
        if (!endpoint.Enabled)
        {
            return (null, null);
        }

        if (!endpoint.UsesTls)
        {
            return (new EcsApiEndpointBinding(tls: false), null);
        }

        try
        {
            return (new EcsApiEndpointBinding(tls: true), new CertificateFiles(endpoint.TlsCertificateFile!, endpoint.TlsKeyFile!, TimeProvider.System));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new OperatorOptionsException([$"--{OperatorOptionDefinitions.EcsApiTlsCertificate.Flag}: {endpoint.TlsCertificateFile} and {endpoint.TlsKeyFile} are not a usable PEM certificate and key: {e.Message}"]);
        }
    }

    /// <summary>
    /// The ECS API's parts: keys read with the operator's identity (its own client, past the lease fence: every
    /// replica serves the API), requests made as the keys' identities, ARNs of the events' region and account.
    /// </summary>
    private static void AddEcsApi(IServiceCollection services, OperatorOptions options, Func<string, string?> environment, EcsApiEndpointBinding binding)
    {
        var settings = options.Events.Settings;
        services.AddSingleton(binding);
        services.AddKeyedSingleton(EcsApiEndpoint.GuardKey, new EndpointGuard(options.EcsApi.Limits));
        services.AddSingleton(sp => new EcsApiKeyStore(
            CreateReviewClient(options, environment), options.EcsApi.KeysNamespace ?? "default", sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EcsApiKeyStore>>()));
        services.AddSingleton(sp => new SigV4Verifier(settings.Region, "ecs", sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new EcsShapes(new EcsNames(new EcsArns(settings))));
        services.AddSingleton(_ => new ImpersonatedClients(() => KubernetesConfigLoader.Load(options.Kubeconfig, environment), options.EcsApi.RequestTimeout));
    }

    /// <summary>
    /// The events endpoint's TokenReviews and SubjectAccessReviews get their own client: every replica answers
    /// posts, and the lease fence (which stops a follower's writes) must not refuse a review, which writes nothing.
    /// </summary>
    private static Kubernetes CreateReviewClient(OperatorOptions options, Func<string, string?> environment)
    {
        var config = KubernetesConfigLoader.Load(options.Kubeconfig, environment);
        config.HttpClientTimeout = TimeSpan.FromSeconds(10);
        return new Kubernetes(config);
    }

    /// <summary>
    /// The Lease gets its own client: with a request timeout well inside the renew deadline (a hung request must not
    /// cost the leadership), and outside the API request counter, whose mutating count is meant to show the writes
    /// the controllers make (zero when converged), not the renewals every retry period.
    /// </summary>
    private static LeaderElectionRunner CreateLeaderElectionRunner(
        OperatorOptions options, Func<string, string?> environment, TimeProvider time, RuntimeMetrics metrics, ILogger<LeaderElectionRunner> logger)
    {
        var leaseConfig = KubernetesConfigLoader.Load(options.Kubeconfig, environment);
        var half = options.LeaderElection.RenewDeadline / 2;
        leaseConfig.HttpClientTimeout = half < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : half;
        var client = new Kubernetes(leaseConfig);
        var identity = options.LeaderElection.Identity ?? LeaderElectionIdentity.Create(environment("HOSTNAME"));
        var config = LeaseLeaderElection.CreateConfig(client, options.LeaderElection, identity);
        return new LeaderElectionRunner(config, logger, options.LeaderElection.ReleaseOnCancel, time, metrics);
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Critical, Message = "The operator host failed")]
    private static partial void LogHostFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception);
}
