using System.CommandLine;
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
    public const string Description = """
        Converts an ECS task definition (with a service, a run-task request or a schedule) to Kubernetes manifests or
        EcsOnK8s resources, through the renderer the operator runs; the report goes to stderr. Exit codes: 0 converted,
        1 input rejected or unreadable, 2 usage error. The input may instead be an EventBridge rule with ECS targets
        (put-rule and put-targets inputs, or describe-rule and list-targets-by-rule outputs, concatenated): an EcsEventRule.
        """;

    public static readonly string[] ReportFormats = ["table", "full", "json"];

    public static readonly string[] Targets = ["manifests", "crds"];

    /// <summary>The <c>convert</c> command of the tree; its action writes to <paramref name="io"/>.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var symbols = new ConvertSymbols();
        symbols.Command.SetAction(result => Execute(symbols.Read(result), io));
        return symbols.Command;
    }

    /// <summary>Runs <c>convert ARGS</c> (the arguments after the command name).</summary>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CliRoot.Run(["convert", .. args], new CliIo(stdin, stdout, stderr, TimeProvider.System));
    }

    /// <summary>Parses the arguments after <c>convert</c>: the options, or null and the first usage error.</summary>
    public static (ConvertOptions? Options, string Error) Parse(IReadOnlyList<string> args)
    {
        var symbols = new ConvertSymbols();
        var result = CliRoot.Parse(symbols.Command, args);
        return result.Errors.Count > 0 ? (null, result.Errors[0].Message) : (symbols.Read(result), string.Empty);
    }

    private static int Execute(ConvertOptions options, CliIo io)
    {
        var outcome = Convert(options, io.In);
        if (outcome.ExitCode != Program.ExitOk || options.Output is null)
        {
            io.Out.Write(outcome.Output);
            io.Error.Write(outcome.Report);
            return outcome.ExitCode;
        }

        io.Error.Write(outcome.Report);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(options.Output, outcome.Output);
            return Program.ExitOk;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            io.Error.WriteLine($"ecsonk8s convert: cannot write --output '{options.Output}': {e.Message}");
            return Program.ExitUsage;
        }
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
        var (capabilities, unknown) = ClusterIntegrations.With(Capabilities(options.KubernetesVersion)!, options.Capabilities);
        if (unknown is not null)
        {
            throw new AwsInputException($"--capabilities: unknown integration '{unknown}'; valid names are {ClusterIntegrations.Names}");
        }

        var ns = options.Namespace;
        var tdFile = options.TaskDefinition == "-" ? "<stdin>" : options.TaskDefinition;
        var tdText = options.TaskDefinition == "-" ? stdin.ReadToEnd() : File.ReadAllText(options.TaskDefinition);
        var tdSpec = TaskDefinitionReader.Read(tdFile, tdText, input, options.Family);
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

        if (report.HasRejections)
        {
            return new ConvertOutcome(Program.ExitRejected, string.Empty, ReportText(options, report));
        }

        IEnumerable<object> documents = options.To == "crds"
            ? Resources(cluster, taskDefinition, ns, workload, report)
            : MapKeyOrder.Sort(result.Objects);
        return new ConvertOutcome(Program.ExitOk, Yaml(documents), ReportText(options, report));
    }

    private static string ReportText(ConvertOptions options, TranslationReport report) => options.Report switch
    {
        "json" => ReportWriter.Json(report),
        "full" => ReportWriter.Table(report),
        _ => ReportWriter.Table(report, plainMapped: false),
    };

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

        var reportText = ReportText(options, report);
        return report.HasRejections
            ? new ConvertOutcome(Program.ExitRejected, string.Empty, reportText)
            : new ConvertOutcome(Program.ExitOk, Yaml([rule]), reportText);
    }

    private static List<object> Resources(EcsCluster? cluster, ResolvedTaskDefinition taskDefinition, string ns, IKubernetesObject<V1ObjectMeta> workload, TranslationReport report)
    {
        var resources = new List<object>();
        if (cluster is not null)
        {
            resources.Add(cluster);
        }

        resources.Add(new EcsTaskDefinition { Metadata = Meta(KubeNames.Sanitize(taskDefinition.Family), ns), Spec = taskDefinition.Spec });
        ResourceReferences.PointAtOutputs(workload, taskDefinition, cluster?.Metadata.Name, report);
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
