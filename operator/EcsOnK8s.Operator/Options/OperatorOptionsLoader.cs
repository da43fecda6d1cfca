using System.Globalization;
using System.Net;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime.LeaderElection;
using Serilog.Events;

namespace EcsOnK8s.Operator.Options;

/// <summary>
/// Builds the operator's configuration (appsettings.json, then ECSONK8S_* environment variables, then flags) and
/// reads it into validated <see cref="OperatorOptions"/>.
/// </summary>
public static class OperatorOptionsLoader
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>The layered configuration; throws <see cref="OperatorOptionsException"/> for unusable flags.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="environment">Reads an environment variable (tests pass a dictionary).</param>
    /// <param name="settingsDirectory">Where appsettings.json may be; null skips the file.</param>
    /// <param name="helpRequested">Set when -h or --help was given.</param>
    public static IConfigurationRoot BuildConfiguration(
        IReadOnlyList<string> args, Func<string, string?> environment, string? settingsDirectory, out bool helpRequested)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var flags = CommandLineFlags.Parse(args, out helpRequested);
        var fromEnvironment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in OperatorOptionDefinitions.All)
        {
            var value = environment(option.EnvironmentVariable);
            if (value is not null)
            {
                fromEnvironment[option.ConfigurationKey] = value;
            }
        }

        var builder = new ConfigurationBuilder();
        if (settingsDirectory is not null)
        {
            builder.AddJsonFile(Path.Combine(settingsDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        }

        return builder.AddInMemoryCollection(fromEnvironment).AddInMemoryCollection(flags).Build();
    }

    /// <summary>Reads and validates the options; throws <see cref="OperatorOptionsException"/> listing every problem.</summary>
    public static OperatorOptions Read(IConfiguration configuration, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        var reader = new Reader(configuration, errors);
        var inCluster = !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"));
        var defaults = new OperatorOptions();
        var leaderDefaults = new LeaderElectionOptions();

        var options = new OperatorOptions
        {
            InCluster = inCluster,
            Namespaces = reader.List(OperatorOptionDefinitions.Namespaces),
            Workers = reader.Int(OperatorOptionDefinitions.Workers, defaults.Workers),
            MetricsPort = reader.Int(OperatorOptionDefinitions.MetricsPort, defaults.MetricsPort),
            BindAddress = reader.Address(OperatorOptionDefinitions.BindAddress, inCluster ? IPAddress.Any : IPAddress.Loopback),
            LogFormat = reader.Enum(OperatorOptionDefinitions.LogFormat, LogFormat.Auto),
            LogLevel = reader.Enum(OperatorOptionDefinitions.LogLevel, LogEventLevel.Information),
            Kubeconfig = reader.String(OperatorOptionDefinitions.Kubeconfig),
            ShutdownTimeout = reader.Duration(OperatorOptionDefinitions.ShutdownTimeout, defaults.ShutdownTimeout),
            ScheduleCatchUpWindow = reader.Duration(OperatorOptionDefinitions.ScheduleCatchUpWindow, defaults.ScheduleCatchUpWindow),
            TaskStartTimeout = reader.Duration(OperatorOptionDefinitions.TaskStartTimeout, defaults.TaskStartTimeout),
            DiscoveryInterval = reader.Duration(OperatorOptionDefinitions.DiscoveryInterval, defaults.DiscoveryInterval),
            EventsEndpoint = new EventsEndpointOptions
            {
                Enabled = reader.Bool(OperatorOptionDefinitions.EventsEndpoint, false),
                Port = reader.Int(OperatorOptionDefinitions.EventsEndpointPort, defaults.EventsEndpoint.Port),
                TlsCertificateFile = reader.String(OperatorOptionDefinitions.EventsEndpointTlsCertificate),
                TlsKeyFile = reader.String(OperatorOptionDefinitions.EventsEndpointTlsKey),
                AllowHttp = reader.Bool(OperatorOptionDefinitions.EventsEndpointAllowHttp, false),
                AuthCacheDuration = reader.Duration(OperatorOptionDefinitions.EventsEndpointAuthCache, defaults.EventsEndpoint.AuthCacheDuration),
                RequestsPerSecond = reader.Double(OperatorOptionDefinitions.EventsEndpointRate, defaults.EventsEndpoint.RequestsPerSecond),
                Burst = reader.Int(OperatorOptionDefinitions.EventsEndpointBurst, defaults.EventsEndpoint.Burst),
            },
            EcsApi = new EcsApiEndpointOptions
            {
                Enabled = reader.Bool(OperatorOptionDefinitions.EcsApi, false),
                Port = reader.Int(OperatorOptionDefinitions.EcsApiPort, defaults.EcsApi.Port),
                TlsCertificateFile = reader.String(OperatorOptionDefinitions.EcsApiTlsCertificate),
                TlsKeyFile = reader.String(OperatorOptionDefinitions.EcsApiTlsKey),
                AllowHttp = reader.Bool(OperatorOptionDefinitions.EcsApiAllowHttp, false),
                KeysNamespace = reader.String(OperatorOptionDefinitions.EcsApiKeysNamespace) ?? OwnNamespace(environment, inCluster),
                RequestTimeout = reader.Duration(OperatorOptionDefinitions.EcsApiRequestTimeout, defaults.EcsApi.RequestTimeout),
                RequestsPerSecond = reader.Double(OperatorOptionDefinitions.EcsApiRate, defaults.EcsApi.RequestsPerSecond),
                Burst = reader.Int(OperatorOptionDefinitions.EcsApiBurst, defaults.EcsApi.Burst),
            },
            Events = defaults.Events with
            {
                Settings = new EcsEventSettings
                {
                    Region = reader.String(OperatorOptionDefinitions.EventsRegion) ?? EcsEventSettings.DefaultRegion,
                    Account = reader.String(OperatorOptionDefinitions.EventsAccount) ?? EcsEventSettings.DefaultAccount,
                },
                MaxInvocationsPerMinute = reader.Int(OperatorOptionDefinitions.EventsMaxInvocationsPerMinute, defaults.Events.MaxInvocationsPerMinute),
                RetryBaseDelay = reader.Duration(OperatorOptionDefinitions.EventsRetryBaseDelay, defaults.Events.RetryBaseDelay),
                HttpTimeout = reader.Duration(OperatorOptionDefinitions.EventsHttpTimeout, defaults.Events.HttpTimeout),
            },
            LeaderElection = new LeaderElectionOptions
            {
                Enabled = reader.Bool(OperatorOptionDefinitions.LeaderElection, leaderDefaults.Enabled),
                LeaseName = reader.String(OperatorOptionDefinitions.LeaderElectionId) ?? leaderDefaults.LeaseName,
                LeaseNamespace = reader.String(OperatorOptionDefinitions.LeaderElectionNamespace) ?? OwnNamespace(environment, inCluster),
                LeaseDuration = reader.Duration(OperatorOptionDefinitions.LeaseDuration, leaderDefaults.LeaseDuration),
                RenewDeadline = reader.Duration(OperatorOptionDefinitions.RenewDeadline, leaderDefaults.RenewDeadline),
                RetryPeriod = reader.Duration(OperatorOptionDefinitions.RetryPeriod, leaderDefaults.RetryPeriod),
                Identity = LeaderElectionIdentity.Create(environment("HOSTNAME")),
            },
        };

        // Syntax errors first: a value that did not parse leaves a default behind that would validate misleadingly.
        if (errors.Count == 0)
        {
            errors.AddRange(options.Validate());
        }

        return errors.Count > 0 ? throw new OperatorOptionsException(errors) : options;
    }

    /// <summary>The help text, generated from <see cref="OperatorOptionDefinitions.All"/>.</summary>
    public static string Usage()
    {
        var lines = new List<string>
        {
            "usage: ecsonk8s-operator [flags]",
            string.Empty,
            "Runs the EcsOnK8s controllers. Every flag can also be set with the environment variable shown, or under",
            "\"Operator\" in appsettings.json; flags win over the environment, the environment over the file.",
            string.Empty,
            "flags:",
        };
        foreach (var option in OperatorOptionDefinitions.All)
        {
            lines.Add($"  --{option.Flag} {option.ValueHint}");
            lines.Add($"      {option.Description}");
            lines.Add($"      default: {option.Default}; env: {option.EnvironmentVariable}");
        }

        lines.Add("  -h, --help");
        lines.Add("      Show this text.");
        lines.Add(string.Empty);
        lines.Add("Durations: 15s, 500ms, 2m, or seconds as a number. Exit codes: 0 stopped, 1 failed or lost the lease, 2 bad flags.");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string OwnNamespace(Func<string, string?> environment, bool inCluster)
    {
        var fromEnvironment = environment("POD_NAMESPACE");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        if (inCluster && File.Exists(ServiceAccountNamespaceFile))
        {
            var fromFile = File.ReadAllText(ServiceAccountNamespaceFile).Trim();
            if (fromFile.Length > 0)
            {
                return fromFile;
            }
        }

        return "default";
    }

    private sealed class Reader(IConfiguration configuration, List<string> errors)
    {
        public string? String(OperatorOption option)
        {
            var value = configuration[option.ConfigurationKey];
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public List<string> List(OperatorOption option)
        {
            // "a,b" from a flag or variable; a JSON array in appsettings.json arrives as numbered children.
            var section = configuration.GetSection(option.ConfigurationKey);
            IEnumerable<string?> parts = section.Value is { } single
                ? single.Split(',')
                : section.GetChildren().Select(c => c.Value);
            return parts.Select(p => p?.Trim()).Where(p => !string.IsNullOrEmpty(p)).Distinct(StringComparer.Ordinal).Select(p => p!).ToList();
        }

        public int Int(OperatorOption option, int fallback)
        {
            var value = String(option);
            if (value is null)
            {
                return fallback;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
            {
                return result;
            }

            errors.Add($"{Describe(option)}: '{value}' is not a whole number");
            return fallback;
        }

        public double Double(OperatorOption option, double fallback)
        {
            var value = String(option);
            if (value is null)
            {
                return fallback;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result))
            {
                return result;
            }

            errors.Add($"{Describe(option)}: '{value}' is not a number");
            return fallback;
        }

        public bool Bool(OperatorOption option, bool fallback)
        {
            var value = String(option);
            if (value is null)
            {
                return fallback;
            }

            switch (value.ToLowerInvariant())
            {
                case "true" or "1" or "yes" or "on":
                    return true;
                case "false" or "0" or "no" or "off":
                    return false;
                default:
                    errors.Add($"{Describe(option)}: '{value}' is not true or false");
                    return fallback;
            }
        }

        public TimeSpan Duration(OperatorOption option, TimeSpan fallback)
        {
            var value = String(option);
            if (value is null)
            {
                return fallback;
            }

            if (Durations.TryParse(value, out var result))
            {
                return result;
            }

            errors.Add($"{Describe(option)}: '{value}' is not a duration (e.g. 15s, 500ms, 2m)");
            return fallback;
        }

        public IPAddress Address(OperatorOption option, IPAddress fallback)
        {
            var value = String(option);
            if (value is null)
            {
                return fallback;
            }

            if (IPAddress.TryParse(value, out var result))
            {
                return result;
            }

            errors.Add($"{Describe(option)}: '{value}' is not an IP address");
            return fallback;
        }

        public TEnum Enum<TEnum>(OperatorOption option, TEnum fallback)
            where TEnum : struct, Enum
        {
            var value = String(option);
            if (value is null)
            {
                return fallback;
            }

            if (!value.All(char.IsAsciiDigit) && System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var result))
            {
                return result;
            }

            errors.Add($"{Describe(option)}: '{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}");
            return fallback;
        }

        private static string Describe(OperatorOption option) =>
            $"--{option.Flag} ({option.EnvironmentVariable}, {option.ConfigurationKey})";
    }
}
