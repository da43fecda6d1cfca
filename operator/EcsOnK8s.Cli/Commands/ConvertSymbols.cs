using System.CommandLine;
using System.CommandLine.Parsing;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;

namespace EcsOnK8s.Cli.Commands;

/// <summary>The arguments and options of <c>convert</c>, the checks between them, and reading them into <see cref="ConvertOptions"/>.</summary>
internal sealed class ConvertSymbols
{
    // Optional to the parser only: a TASKDEF given after --scaling is the last of its files (see Inputs).
    private readonly Argument<string> _taskDefinition = new("TASKDEF")
    {
        Arity = ArgumentArity.ZeroOrOne,
        Description = "register-task-definition input, describe-task-definition output, or a bare containerDefinitions array " +
            "with --family; JSON or YAML; '-' reads stdin. Without --service, --run-task or --schedule: a service of one task named after the family",
    };

    private readonly Option<string> _service = new("--service") { Description = "create-service input, or describe-services output", HelpName = "FILE" };
    private readonly Option<string> _serviceName = new("--service-name") { Description = "which service of a describe-services output", HelpName = "NAME" };

    private readonly Option<string[]> _scaling = new("--scaling")
    {
        Description = "Application Auto Scaling documents (PascalCase): register-scalable-target, put-scaling-policy, " +
            "put-scheduled-action inputs or describe outputs; takes every file up to the next option, or repeat it",
        HelpName = "FILE...",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string> _runTask = new("--run-task") { Description = "run-task input: one Job per task", HelpName = "FILE" };
    private readonly Option<string> _schedule = new("--schedule") { Description = "EventBridge Scheduler create-schedule input with an ECS target: a CronJob", HelpName = "FILE" };
    private readonly Option<string> _cluster = new("--cluster") { Description = "an EcsCluster resource (YAML): capacity providers, policy, storage, secrets", HelpName = "FILE" };
    private readonly Option<string> _family = new("--family") { Description = "the family of a bare containerDefinitions array (Terraform's container_definitions)", HelpName = "FAMILY" };

    private readonly Option<string> _kubernetesVersion = new("--kubernetes-version")
    {
        Description = "target Kubernetes 1.20 ... 1.30: API versions and features",
        HelpName = "V",
        DefaultValueFactory = _ => "1.30",
    };

    private readonly Option<string[]> _capabilities = new("--capabilities")
    {
        Description = "integrations installed on the target cluster, comma-separated: " + ClusterIntegrations.Names +
            " (their resources are rendered; see docs/cli.md for the versions assumed)",
        HelpName = "NAME,...",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string> _namespace = new("--namespace", "-n")
    {
        Description = "namespace of the rendered objects",
        HelpName = "NS",
        DefaultValueFactory = _ => "default",
    };

    private readonly Option<string> _to = new Option<string>("--to")
    {
        Description = "rendered Kubernetes objects, or EcsOnK8s custom resources for the operator",
        DefaultValueFactory = _ => "manifests",
    }.OneOf(ConvertCommand.Targets);

    private readonly Option<string> _report = new Option<string>("--report")
    {
        Description = "report on stderr: table (what is not plainly mapped, and the summary), full (every field) or json",
        DefaultValueFactory = _ => "table",
    }.OneOf(ConvertCommand.ReportFormats);

    private readonly Option<string> _output = new("--output", "-o") { Description = "write the documents to FILE (its folder is created) instead of stdout", HelpName = "FILE" };

    public ConvertSymbols()
    {
        Command = new Command("convert", ConvertCommand.Description)
        {
            _taskDefinition, _service, _serviceName, _scaling, _runTask, _schedule, _cluster, _family,
            _kubernetesVersion, _capabilities, _namespace, _to, _report, _output,
        };
        _capabilities.CompletionSources.Add(ClusterIntegrations.All.Select(i => i.Name).ToArray());
        _capabilities.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (ClusterIntegrations.With(ClusterCapabilities.Kubernetes130, ClusterIntegrations.Split(token.Value)).Unknown is { } unknown)
                {
                    result.AddError($"--capabilities: unknown integration '{unknown}'; valid names are {ClusterIntegrations.Names}");
                }
            }
        });
        _kubernetesVersion.CompletionSources.Add(Enumerable.Range(20, 11).Select(m => $"1.{m}").ToArray());
        _kubernetesVersion.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var version && ConvertCommand.Capabilities(version) is null)
            {
                result.AddError($"--kubernetes-version must be 1.20 to 1.99, not '{version}'");
            }
        });
        _namespace.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var ns && !KubeNames.IsDnsLabel(ns))
            {
                result.AddError($"--namespace '{ns}' is not a valid namespace name");
            }
        });
        Command.Validators.Add(Check);
    }

    public Command Command { get; }

    public ConvertOptions Read(ParseResult result)
    {
        var (taskDefinition, scaling) = Inputs(result.GetResult);
        return new()
        {
            TaskDefinition = taskDefinition!,
            Service = result.GetValue(_service),
            ServiceName = result.GetValue(_serviceName),
            Scaling = scaling,
            RunTask = result.GetValue(_runTask),
            Schedule = result.GetValue(_schedule),
            Cluster = result.GetValue(_cluster),
            Family = result.GetValue(_family),
            KubernetesVersion = result.GetValue(_kubernetesVersion)!,
            Capabilities = (result.GetValue(_capabilities) ?? []).SelectMany(ClusterIntegrations.Split).Distinct(StringComparer.Ordinal).ToList(),
            Namespace = result.GetValue(_namespace)!,
            To = result.GetValue(_to)!,
            Report = result.GetValue(_report)!,
            Output = result.GetValue(_output),
        };
    }

    /// <summary>
    /// TASKDEF and the --scaling files. --scaling takes every file up to the next option, so in
    /// <c>convert --scaling a.json td.json</c> the task definition is its last file, as the hand-written parser had it.
    /// </summary>
    private (string? TaskDefinition, List<string> Scaling) Inputs(Func<Symbol, SymbolResult?> results)
    {
        var scaling = Tokens(results(_scaling));
        var taskDefinition = Tokens(results(_taskDefinition)).FirstOrDefault();
        if (taskDefinition is null && scaling.Count > 1)
        {
            taskDefinition = scaling[^1];
            scaling.RemoveAt(scaling.Count - 1);
        }

        return (taskDefinition, scaling);
    }

    // Checks between options; a failed check is a usage error (exit 2), like a parse error. Values are read from the
    // tokens: a value that failed to parse has its own error already, and reading it would throw.
    private void Check(CommandResult result)
    {
        var workloads = new Option[] { _service, _runTask, _schedule }.Where(o => result.GetResult(o) is not null).ToList();
        if (workloads.Count > 1)
        {
            result.AddError("give at most one of --service, --run-task and --schedule");
        }

        var (taskDefinition, scaling) = Inputs(symbol => symbol switch
        {
            Argument argument => result.GetResult(argument),
            Option option => result.GetResult(option),
            _ => null,
        });
        if (taskDefinition is null)
        {
            result.AddError("a task definition file (TASKDEF, or '-' for stdin) is required");
            return;
        }

        if (scaling.Count > 0 && (result.GetResult(_runTask) is not null || result.GetResult(_schedule) is not null))
        {
            result.AddError("--scaling applies to a service");
        }

        // The parser gives an unknown option to TASKDEF while TASKDEF has no value yet.
        if (taskDefinition.Length > 1 && taskDefinition[0] == '-' && !File.Exists(taskDefinition))
        {
            var option = taskDefinition.Split('=')[0];
            var closest = Aws.Suggestions.Closest(option, Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)));
            result.AddError(closest is null
                ? $"Unrecognized command or argument '{taskDefinition}'."
                : $"Unrecognized command or argument '{taskDefinition}'; did you mean '{closest}'?");
            return;
        }

        var files = new[] { _service, _runTask, _schedule, _cluster }
            .Select(o => Tokens(result.GetResult(o)).FirstOrDefault())
            .Concat(scaling)
            .Append(taskDefinition == "-" ? null : taskDefinition);
        if (files.FirstOrDefault(f => f is not null && !File.Exists(f)) is { } missing)
        {
            result.AddError($"{missing}: no such file");
        }
    }

    private static List<string> Tokens(SymbolResult? result) => result?.Tokens.Select(t => t.Value).ToList() ?? [];
}
