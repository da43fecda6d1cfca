using System.Globalization;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>Command-line settings of the operator benchmark (services, or with --schedules the schedules run).</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Operator at scale: N EcsServices (each with its own EcsTaskDefinition) against a local control plane.

          --services N           services to create (default 1000)
          --workers N            operator workers per controller, and the baseline client's concurrency (default 4)
          --rest S               seconds of rest counted after convergence (default 120)
          --after-restart S      seconds counted after the restarted operator is ready (default 60)
          --timeout S            longest wait for convergence; the other phases run anyway (default 480)
          --operator-dll PATH    the operator (default operator/EcsOnK8s.Operator/bin/Release/net10.0/ecsonk8s-operator.dll)
          --repo DIR             repository root (default: found upwards from the current directory)
          --strict               exit 3 when a target is missed
          --operator-env NAME=VALUE  an environment variable of the operator process (repeatable), e.g.
                                 DOTNET_GCConserveMemory=5 to measure a runtime setting
          --shared-role          every task definition names the same task role, so all services share one
                                 ServiceAccount (a scale check of shared children; the same-writes baseline
                                 does not replay its writes)

        Living cluster (make bench-living): kube-controller-manager, kube-scheduler and hollow nodes; writes counted
        from kube-apiserver's audit log.

          --living               run the living-cluster benchmark (defaults then: --services 200, --rest 300)
          --nodes N              hollow nodes (default 4)
          --changes N            changes of one service's field after the restart (default 100)

        Schedules (make bench-schedules): N operator-timed EcsScheduledTasks firing every minute, Jobs watched.

          --schedules N          run the schedule benchmark with N EcsScheduledTasks instead (bench-schedules: 1000)
          --minutes M            fire times measured per schedule, one a minute (default 5)
          --grace S              how long after the last fire time a Job still counts as late, not missed (default 60)
          --baseline-minutes M   fire times of the plain-client baseline that creates the Jobs itself; 0: none (default 1)
          --expression EXPR      schedule expression (default cron(* * * * ? *))
          --timezone TZ          scheduleExpressionTimezone (default Europe/Berlin: no CronJob timeZone on 1.20,
                                 so the operator times the runs itself)
          (--workers, --timeout, --operator-dll, --repo and --strict apply too; --timeout bounds the wait for
          every schedule's status)
        """;

    public int Services { get; init; } = 1000;

    public int Workers { get; init; } = 4;

    public TimeSpan Rest { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan AfterRestart { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromSeconds(480);

    public string RepositoryRoot { get; init; } = string.Empty;

    public string OperatorDll { get; init; } = string.Empty;

    /// <summary>The operator's flags: one replica (no Lease to wait for) watching <paramref name="ns"/>.</summary>
    public string[] OperatorFlags(string ns) =>
        ["--leader-election", "false", "--namespaces", ns, "--workers", Workers.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The operator under benchmark: its build, with the flags and environment of these options.</summary>
    public OperatorProcess StartOperator(string kubeconfig, string ns, string logPath) =>
        OperatorProcess.StartCommand("dotnet", [OperatorDll], workingDirectory: null, OperatorEnvironment, kubeconfig, "benchmark", logPath, OperatorFlags(ns));

    public bool Strict { get; init; }

    public bool SharedRole { get; init; }

    public bool Living { get; init; }

    public int Nodes { get; init; } = 4;

    public int Changes { get; init; } = 100;

    public IReadOnlyDictionary<string, string> OperatorEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>EcsScheduledTasks of the schedule benchmark; 0 runs the services benchmark.</summary>
    public int Schedules { get; init; }

    public int Minutes { get; init; } = 5;

    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(60);

    public int BaselineMinutes { get; init; } = 1;

    public string Expression { get; init; } = "cron(* * * * ? *)";

    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>Parses the flags; null (after printing why) when they are unusable or help was asked for.</summary>
    public static BenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var options = new BenchmarkOptions();
        string? repo = null;
        string? dll = null;
        bool servicesSet = false, restSet = false;
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{flag} needs a value");
            int Number(int min, int max)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : throw new FormatException($"{flag}: '{text}' is not a whole number from {min} to {max}");
            }

            try
            {
                switch (flag)
                {
                    case "--services": options = options with { Services = Number(1, 100_000) }; servicesSet = true; break;
                    case "--workers": options = options with { Workers = Number(1, 256) }; break;
                    case "--rest": options = options with { Rest = TimeSpan.FromSeconds(Number(0, 3600)) }; restSet = true; break;
                    case "--living": options = options with { Living = true }; break;
                    case "--nodes": options = options with { Nodes = Number(1, 50) }; break;
                    case "--changes": options = options with { Changes = Number(0, 10_000) }; break;
                    case "--after-restart": options = options with { AfterRestart = TimeSpan.FromSeconds(Number(0, 3600)) }; break;
                    case "--timeout": options = options with { ConvergenceTimeout = TimeSpan.FromSeconds(Number(1, 86_400)) }; break;
                    case "--strict": options = options with { Strict = true }; break;
                    case "--shared-role": options = options with { SharedRole = true }; break;
                    case "--operator-env":
                        var setting = Value();
                        var equals = setting.IndexOf('=', StringComparison.Ordinal);
                        options = equals > 0
                            ? options with { OperatorEnvironment = new Dictionary<string, string>(options.OperatorEnvironment, StringComparer.Ordinal) { [setting[..equals]] = setting[(equals + 1)..] } }
                            : throw new FormatException($"--operator-env: '{setting}' is not NAME=VALUE");
                        break;
                    case "--schedules": options = options with { Schedules = Number(1, 100_000) }; break;
                    case "--minutes": options = options with { Minutes = Number(1, 1440) }; break;
                    case "--grace": options = options with { Grace = TimeSpan.FromSeconds(Number(0, 3600)) }; break;
                    case "--baseline-minutes": options = options with { BaselineMinutes = Number(0, 60) }; break;
                    case "--expression": options = options with { Expression = Value() }; break;
                    case "--timezone": options = options with { TimeZone = Value() }; break;
                    case "--repo": repo = Value(); break;
                    case "--operator-dll": dll = Value(); break;
                    case "-h" or "--help":
                        error.WriteLine(Usage);
                        return null;
                    default: throw new FormatException($"unknown flag {flag}");
                }
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: {e.Message}");
                error.WriteLine(Usage);
                return null;
            }
        }

        if (options.Living)
        {
            options = options with
            {
                Services = servicesSet ? options.Services : 200,
                Rest = restSet ? options.Rest : TimeSpan.FromSeconds(300),
            };
        }

        repo = Path.GetFullPath(repo ?? Testing.Common.RepositoryRoot.TryFind(Directory.GetCurrentDirectory()) ?? Testing.Common.RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? ".");
        if (!File.Exists(Path.Combine(repo, "hack", "control-plane.sh")))
        {
            error.WriteLine($"error: {repo} is not the EcsOnK8s repository (no hack/control-plane.sh); pass --repo");
            return null;
        }

        dll = Path.GetFullPath(dll ?? Path.Combine(repo, "operator", "EcsOnK8s.Operator", "bin", "Release", "net10.0", "ecsonk8s-operator.dll"));
        if (!File.Exists(dll))
        {
            error.WriteLine($"error: {dll} does not exist; build it: dotnet build operator/EcsOnK8s.Operator -c Release");
            return null;
        }

        return options with { RepositoryRoot = repo, OperatorDll = dll };
    }
}
