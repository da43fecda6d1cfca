using System.Globalization;
using System.Text;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Cli.Aws;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// <c>ecsonk8s convert</c>: an ECS task definition (and a service, a run-task request or a schedule, with
/// Application Auto Scaling documents and an EcsCluster) to Kubernetes manifests or EcsOnK8s resources, through
/// the same <see cref="Renderer"/> the operator runs. The report goes to standard error.
/// Exit codes: 0 converted, 1 input rejected or unreadable (the report or message says why), 2 usage error.
/// </summary>
public static class ConvertCommand
{
    public const string Usage = """
        usage: ecsonk8s convert TASKDEF.json|- [options]

        TASKDEF.json is a register-task-definition input or describe-task-definition output ('-' reads stdin).
        It may instead be an EventBridge rule with ECS targets: put-rule and put-targets inputs (or describe-rule
        and list-targets-by-rule outputs), concatenated (cat rule.json targets.json | ecsonk8s convert -): an EcsEventRule.

        workload (at most one; a service of one task named after the family when none is given):
          --service FILE             create-service input, or describe-services output
          --service-name NAME        which service of a describe-services output
          --scaling FILE...          Application Auto Scaling documents (PascalCase): register-scalable-target,
                                     put-scaling-policy, put-scheduled-action inputs or describe outputs
          --run-task FILE            run-task input: one Job per task
          --schedule FILE            EventBridge Scheduler create-schedule input with an ECS target: a CronJob

        options:
          --cluster FILE             an EcsCluster resource (YAML): capacity providers, policy, storage, secrets
          --kubernetes-version V     target Kubernetes 1.20 ... 1.30 (default 1.30): API versions and features
          --namespace NS             namespace of the rendered objects (default: default)
          --to manifests|crds        rendered Kubernetes objects (default) or EcsOnK8s custom resources
          --report table|json        report format on stderr (default table)
          -o, --output FILE          write the documents to FILE instead of stdout

        """;

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (CommandLine.AskedForHelp(args, Usage, stdout))
        {
            return Program.ExitOk;
        }

        var (options, error) = Parse(args);
        if (options is null)
        {
            return CommandLine.UsageError("convert", error, Usage, stderr);
        }

        var outcome = Convert(options, stdin);
        if (outcome.ExitCode == Program.ExitOk && options.Output is not null)
        {
            File.WriteAllText(options.Output, outcome.Output);
        }
        else
        {
            stdout.Write(outcome.Output);
        }

        stderr.Write(outcome.Report);
        return outcome.ExitCode;
    }

    /// <summary>Parses the arguments: the options, or null and the reason.</summary>
    public static (ConvertOptions? Options, string Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? taskDefinition = null;
        var scaling = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] single = ["--service", "--service-name", "--run-task", "--schedule", "--cluster", "--kubernetes-version", "--namespace", "--to", "--report", "--output"];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i] == "-o" ? "--output" : args[i];
            if (arg == "--scaling")
            {
                var start = scaling.Count;
                while (i + 1 < args.Count && !args[i + 1].StartsWith('-') && (taskDefinition is not null || scaling.Count == start))
                {
                    scaling.Add(args[++i]);
                    if (taskDefinition is null)
                    {
                        break;
                    }
                }

                if (scaling.Count == start)
                {
                    return (null, "--scaling needs a file");
                }
            }
            else if (single.Contains(arg))
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{arg} needs a value");
                }

                if (!values.TryAdd(arg, args[++i]))
                {
                    return (null, $"{arg} is given twice");
                }
            }
            else if (arg.StartsWith('-') && arg != "-")
            {
                return (null, $"unknown option '{arg}'");
            }
            else if (taskDefinition is null)
            {
                taskDefinition = arg;
            }
            else
            {
                return (null, $"unexpected argument '{arg}' (one task definition per run)");
            }
        }

        if (taskDefinition is null)
        {
            return (null, "a task definition file (or '-') is required");
        }

        var workloads = new[] { "--service", "--run-task", "--schedule" }.Count(values.ContainsKey);
        if (workloads > 1)
        {
            return (null, "give at most one of --service, --run-task and --schedule");
        }

        if (scaling.Count > 0 && (values.ContainsKey("--run-task") || values.ContainsKey("--schedule")))
        {
            return (null, "--scaling applies to a service");
        }

        var options = new ConvertOptions
        {
            TaskDefinition = taskDefinition,
            Service = values.GetValueOrDefault("--service"),
            ServiceName = values.GetValueOrDefault("--service-name"),
            Scaling = scaling,
            RunTask = values.GetValueOrDefault("--run-task"),
            Schedule = values.GetValueOrDefault("--schedule"),
            Cluster = values.GetValueOrDefault("--cluster"),
            KubernetesVersion = values.GetValueOrDefault("--kubernetes-version") ?? "1.30",
            Namespace = values.GetValueOrDefault("--namespace") ?? "default",
            To = values.GetValueOrDefault("--to") ?? "manifests",
            Report = values.GetValueOrDefault("--report") ?? "table",
            Output = values.GetValueOrDefault("--output"),
        };
        if (options.To is not ("manifests" or "crds"))
        {
            return (null, $"--to must be manifests or crds, not '{options.To}'");
        }

        if (options.Report is not ("table" or "json"))
        {
            return (null, $"--report must be table or json, not '{options.Report}'");
        }

        if (Capabilities(options.KubernetesVersion) is null)
        {
            return (null, $"--kubernetes-version must be 1.20 to 1.99, not '{options.KubernetesVersion}'");
        }

        if (!KubeNames.IsDnsLabel(options.Namespace))
        {
            return (null, $"--namespace '{options.Namespace}' is not a valid namespace name");
        }

        var files = new[] { options.Service, options.RunTask, options.Schedule, options.Cluster }
            .Concat(options.Scaling)
            .Append(options.TaskDefinition == "-" ? null : options.TaskDefinition);
        var missing = files.FirstOrDefault(f => f is not null && !File.Exists(f));
        return missing is not null ? (null, $"{missing}: no such file") : (options, string.Empty);
    }

    /// <summary>The capability preset of a Kubernetes version "1.N"; null when it is not 1.20 or later.</summary>
    public static ClusterCapabilities? Capabilities(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.TrimStart('v').Split('.');
        if (parts.Length < 2 || parts[0] != "1" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) || minor < 20 || minor > 99)
        {
            return null;
        }

        return ClusterCapabilities.ForVersion(minor);
    }

    /// <summary>The whole conversion, in process: reads the inputs, renders, formats the documents and the report.</summary>
    public static ConvertOutcome Convert(ConvertOptions options, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdin);
        try
        {
            return ConvertInputs(options, stdin);
        }
        catch (AwsInputException e)
        {
            return new ConvertOutcome(Program.ExitRejected, string.Empty, $"ecsonk8s convert: {e.Message}\n");
        }
        catch (IOException e)
        {
            return new ConvertOutcome(Program.ExitUsage, string.Empty, $"ecsonk8s convert: {e.Message}\n");
        }
    }

    /// <summary>
    /// Reads the input files into the render request (and the workload resource), recording unknown and read-only
    /// fields in <paramref name="input"/>. Throws <see cref="AwsInputException"/> for unreadable input.
    /// </summary>
    public static (RenderRequest Request, IKubernetesObject<V1ObjectMeta> Workload) ReadInputs(ConvertOptions options, TextReader stdin, TranslationReport input)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(input);
        var capabilities = Capabilities(options.KubernetesVersion)!;
        var ns = options.Namespace;
        var tdFile = options.TaskDefinition == "-" ? "<stdin>" : options.TaskDefinition;
        var tdText = options.TaskDefinition == "-" ? stdin.ReadToEnd() : File.ReadAllText(options.TaskDefinition);
        var tdSpec = TaskDefinitionReader.Read(tdFile, tdText, input);
        var family = tdSpec.Family!;
        var taskDefinition = new ResolvedTaskDefinition(family, tdSpec.Revision ?? 1, tdSpec);

        EcsCluster? cluster = null;
        if (options.Cluster is not null)
        {
            cluster = ClusterReader.Read(options.Cluster, File.ReadAllText(options.Cluster));
            cluster.Metadata.NamespaceProperty = ns;
        }

        var request = new RenderRequest { TaskDefinition = taskDefinition, Cluster = cluster, Capabilities = capabilities };
        IKubernetesObject<V1ObjectMeta> workload;
        if (options.RunTask is not null)
        {
            var spec = RunTaskReader.Read(options.RunTask, File.ReadAllText(options.RunTask), input);
            spec.TaskDefinition ??= taskDefinition.Identifier;
            var task = new EcsTask { Metadata = Meta(KubeNames.Sanitize(family, 60, "task"), ns), Spec = spec };
            request = request with { Task = task };
            workload = task;
        }
        else if (options.Schedule is not null)
        {
            var (name, spec) = ScheduleReader.Read(options.Schedule, File.ReadAllText(options.Schedule), input);
            var scheduled = new EcsScheduledTask { Metadata = Meta(KubeNames.Sanitize(name, 52, "schedule"), ns), Spec = spec };
            request = request with { ScheduledTask = scheduled };
            workload = scheduled;
        }
        else
        {
            EcsServiceSpec spec;
            if (options.Service is not null)
            {
                spec = ServiceReader.Read(options.Service, File.ReadAllText(options.Service), options.ServiceName, input);
            }
            else
            {
                spec = new EcsServiceSpec();
                input.Mapped("service", "no --service given: a service of one task named after the family");
            }

            var scalingFiles = options.Scaling.Select(f => (f, File.ReadAllText(f))).ToList();
            spec.AutoScaling ??= ScalingReader.Read(scalingFiles, input);
            spec.TaskDefinition ??= taskDefinition.Identifier;
            var service = new EcsService { Metadata = Meta(KubeNames.Sanitize(spec.ServiceName ?? family, 63, "service"), ns), Spec = spec };
            request = request with { Service = service };
            workload = service;
        }

        return (request, workload);
    }

    private static ConvertOutcome ConvertInputs(ConvertOptions options, TextReader stdin)
    {
        // The input may be an EventBridge rule (put-rule and put-targets) rather than a task definition.
        var text = options.TaskDefinition == "-" ? stdin.ReadToEnd() : File.ReadAllText(options.TaskDefinition);
        if (EventRuleReader.IsEventRuleInput(text))
        {
            return ConvertEventRule(options, text);
        }

        stdin = new StringReader(text);
        var input = new TranslationReport();
        var (request, workload) = ReadInputs(options, stdin, input);
        var cluster = request.Cluster;
        var taskDefinition = request.TaskDefinition;
        var ns = options.Namespace;
        var result = Renderer.Render(request);
        var report = new TranslationReport();
        foreach (var entry in input.Entries.Concat(result.Report.Entries))
        {
            report.Add(entry.Path, entry.Disposition, entry.Reason);
        }

        var reportText = options.Report == "json" ? ReportWriter.Json(report) : ReportWriter.Table(report);
        if (report.HasRejections)
        {
            return new ConvertOutcome(Program.ExitRejected, string.Empty, reportText);
        }

        IEnumerable<object> documents = options.To == "crds"
            ? Resources(cluster, taskDefinition, ns, workload)
            : MapKeyOrder.Sort(result.Objects);
        return new ConvertOutcome(Program.ExitOk, Yaml(documents), reportText);
    }

    /// <summary>An EventBridge rule with ECS targets to an EcsEventRule (its tasks are created per event, so it has no manifests).</summary>
    private static ConvertOutcome ConvertEventRule(ConvertOptions options, string text)
    {
        var misplaced = new[] { ("--service", options.Service), ("--run-task", options.RunTask), ("--schedule", options.Schedule), ("--cluster", options.Cluster) }
            .Where(o => o.Item2 is not null).Select(o => o.Item1).Concat(options.Scaling.Count > 0 ? ["--scaling"] : []).ToList();
        if (misplaced.Count > 0)
        {
            return new ConvertOutcome(Program.ExitUsage, string.Empty, $"ecsonk8s convert: {string.Join(", ", misplaced)} do not apply to an event rule input\n");
        }

        var report = new TranslationReport();
        var file = options.TaskDefinition == "-" ? "<stdin>" : options.TaskDefinition;
        var rule = EventRuleReader.Read(file, text, options.Namespace, report);
        if (options.To != "crds")
        {
            report.Mapped(EventRuleReader.Prefix, "an EcsEventRule has no manifests of its own (the operator creates its tasks per event): written as the custom resource");
        }

        var reportText = options.Report == "json" ? ReportWriter.Json(report) : ReportWriter.Table(report);
        return report.HasRejections
            ? new ConvertOutcome(Program.ExitRejected, string.Empty, reportText)
            : new ConvertOutcome(Program.ExitOk, Yaml([rule]), reportText);
    }

    private static List<object> Resources(EcsCluster? cluster, ResolvedTaskDefinition taskDefinition, string ns, IKubernetesObject<V1ObjectMeta> workload)
    {
        var resources = new List<object>();
        if (cluster is not null)
        {
            resources.Add(cluster);
        }

        resources.Add(new EcsTaskDefinition { Metadata = Meta(KubeNames.Sanitize(taskDefinition.Family), ns), Spec = taskDefinition.Spec });
        resources.Add(workload);
        return resources;
    }

    /// <summary>YAML documents, each introduced by <c>---</c>.</summary>
    public static string Yaml(IEnumerable<object> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var sb = new StringBuilder();
        foreach (var doc in documents)
        {
            var yaml = KubernetesYaml.Serialize(doc);
            sb.Append("---\n").Append(yaml);
            if (!yaml.EndsWith('\n'))
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static V1ObjectMeta Meta(string name, string ns) => new() { Name = name, NamespaceProperty = ns };
}
