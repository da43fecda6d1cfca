using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Input;
using EcsOnK8s.Events.Patterns;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// An EventBridge rule with ECS targets as <c>aws events put-rule</c> and <c>put-targets</c> take them
/// (<c>--cli-input-json</c>), or as <c>describe-rule</c> and <c>list-targets-by-rule</c> print them, to an
/// EcsEventRule. The input is one or more JSON objects, concatenated (<c>cat rule.json targets.json</c>) or in an
/// array; the rule's fields and the targets are merged. Every field is reported mapped, approximated, ignored or
/// rejected. A rule with a ScheduleExpression is refused: that is an EcsScheduledTask.
/// </summary>
public static class EventRuleReader
{
    public const string Prefix = "eventRule";

    private static readonly string[] RuleOnlyKeys = ["EventPattern", "ScheduleExpression", "Targets"];
    private static readonly string[] TaskDefinitionKeys = ["containerDefinitions", "family", "taskDefinition"];

    private static readonly Dictionary<string, string> IgnoredRuleFields = new(StringComparer.Ordinal)
    {
        ["RoleArn"] = "the operator starts tasks with its own rights, not a role of the rule",
        ["Tags"] = "tags of the rule are not carried (label the EcsEventRule instead)",
        ["Arn"] = "read-only field of describe-rule (the rule's ARN follows from its namespace and name)",
        ["CreatedBy"] = "read-only field of describe-rule",
        ["ManagedBy"] = "read-only field of describe-rule",
        ["NextToken"] = "pagination token of list-targets-by-rule",
    };

    private static readonly Dictionary<string, string> IgnoredEcsFields = new(StringComparer.Ordinal)
    {
        ["NetworkConfiguration"] = "awsvpc subnets and security groups: the tasks' pods get the cluster's pod network",
        ["PlatformVersion"] = "Fargate platform version: no meaning off AWS",
        ["Group"] = "the ecsTask target does not carry a task group",
        ["PlacementConstraints"] = "the ecsTask target does not carry placement; set it on the capacity provider",
        ["PlacementStrategy"] = "the ecsTask target does not carry placement; set it on the capacity provider",
        ["PropagateTags"] = "the ecsTask target does not carry tags",
        ["EnableECSManagedTags"] = "the operator always labels what it starts",
        ["EnableExecuteCommand"] = "ECS Exec: in Kubernetes, pods/exec is governed by RBAC",
        ["ReferenceId"] = "the EcsTask carries the rule, target and event id in its annotations instead",
        ["Tags"] = "the ecsTask target does not carry tags",
    };

    private static readonly string[] OtherTargetParameters =
    [
        "HttpParameters", "SqsParameters", "KinesisParameters", "RunCommandParameters", "BatchParameters",
        "RedshiftDataParameters", "SageMakerPipelineParameters", "AppSyncParameters",
    ];

    /// <summary>
    /// Whether <paramref name="text"/> is put-rule / put-targets input rather than a task definition: JSON objects
    /// with an EventPattern, a ScheduleExpression or Targets, and no task definition field. Never throws.
    /// </summary>
    public static bool IsEventRuleInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var documents = Documents("input", text);
            return documents.Count > 0
                && documents.Any(d => RuleOnlyKeys.Any(d.ContainsKey))
                && !documents.Any(d => TaskDefinitionKeys.Any(d.ContainsKey));
        }
        catch (AwsInputException)
        {
            return false;
        }
    }

    /// <summary>Reads the rule into an EcsEventRule in <paramref name="ns"/>; unreadable input throws <see cref="AwsInputException"/>.</summary>
    public static EcsEventRule Read(string file, string text, string ns, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var documents = Documents(file, text);
        var spec = new EcsEventRuleSpec();
        string? name = null;
        string? ruleOfTargets = null;
        var targets = new List<(JsonNode? Node, string Path)>();
        foreach (var (document, d) in documents.Select((doc, i) => (doc, i)))
        {
            foreach (var (key, value) in document)
            {
                var path = $"{Prefix}.{key}";
                switch (key)
                {
                    case "Name":
                        name = String(file, value, $"$[{d}].Name");
                        break;
                    case "Rule":
                        ruleOfTargets = String(file, value, $"$[{d}].Rule");
                        break;
                    case "Description":
                        spec.Description = String(file, value, $"$[{d}].Description");
                        report.Mapped(path, "spec.description");
                        break;
                    case "State":
                        spec.State = State(String(file, value, $"$[{d}].State"), path, report);
                        break;
                    case "EventPattern":
                        spec.EventPattern = Pattern(value, path, report);
                        break;
                    case "ScheduleExpression":
                        report.Rejected(path, "a rule on a schedule is an EcsScheduledTask (spec.scheduleExpression): write one, or convert an EventBridge Scheduler schedule with --schedule");
                        break;
                    case "EventBusName":
                        var bus = String(file, value, $"$[{d}].EventBusName");
                        if (bus is "default" or null || bus.EndsWith(":event-bus/default", StringComparison.Ordinal))
                        {
                            report.Mapped(path, "the default bus: the rule sees the events of its namespace");
                        }
                        else
                        {
                            report.Approximated(path, $"a rule sees the events of its namespace: bus '{bus}' becomes the namespace (--namespace)");
                        }

                        break;
                    case "Targets":
                        if (value is not JsonArray list)
                        {
                            throw new AwsInputException($"{file}: $[{d}].Targets: expected an array");
                        }

                        targets.AddRange(list.Select((t, i) => (t, $"$[{d}].Targets[{i}]")));
                        break;
                    default:
                        report.Ignored(path, IgnoredRuleFields.GetValueOrDefault(key, "unknown field: not part of PutRule or PutTargets, not translated"));
                        break;
                }
            }
        }

        if (name is not null && ruleOfTargets is not null && name != ruleOfTargets)
        {
            report.Rejected($"{Prefix}.Rule", $"the targets are for rule '{ruleOfTargets}', the rule is '{name}'");
        }

        name ??= ruleOfTargets;
        if (name is null)
        {
            report.Rejected($"{Prefix}.Name", "is required (put-rule's Name or put-targets' Rule)");
        }

        var k8sName = KubeNames.SanitizeSubdomain(name, fallback: "rule");
        if (name is not null)
        {
            report.Mapped($"{Prefix}.Name", k8sName == name ? "metadata.name" : $"metadata.name '{k8sName}' (a Kubernetes name)");
        }

        if (spec.EventPattern is null && !documents.Any(doc => doc.ContainsKey("ScheduleExpression")))
        {
            report.Rejected($"{Prefix}.EventPattern", "is required: a rule matches events by its pattern");
        }

        spec.Targets = [.. targets.Select((t, i) => Target(file, t.Node, t.Path, $"{Prefix}.Targets[{i}]", report))];
        if (spec.Targets.Count == 0)
        {
            report.Rejected($"{Prefix}.Targets", "a rule needs at least one target: add the put-targets input (e.g. cat rule.json targets.json | ecsonk8s convert - --to crds)");
        }
        else if (spec.Targets.Count > 5)
        {
            report.Rejected($"{Prefix}.Targets", $"has {spec.Targets.Count} targets; an EcsEventRule takes at most 5 (split the rule)");
        }

        // What the operator would refuse (inputs that do not compile, launch type and strategy together, ids given twice).
        foreach (var error in TargetValidator.Validate(spec).Where(e => spec.Targets.Count > 0))
        {
            report.Rejected(error.Path, error.Reason);
        }

        return new EcsEventRule { Metadata = new V1ObjectMeta { Name = k8sName, NamespaceProperty = ns }, Spec = spec };
    }

    private static EventRuleTarget Target(string file, JsonNode? node, string jsonPath, string path, TranslationReport report)
    {
        if (node is not JsonObject target)
        {
            throw new AwsInputException($"{file}: {jsonPath}: a target is a JSON object");
        }

        var result = new EventRuleTarget { Id = String(file, target["Id"], jsonPath + ".Id") };
        var ecsTask = new EcsTaskTarget();
        var arn = String(file, target["Arn"], jsonPath + ".Arn");
        var isEcs = arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":ecs:", StringComparison.Ordinal) && arn.Contains(":cluster/", StringComparison.Ordinal);
        foreach (var (key, value) in target)
        {
            var fieldPath = $"{path}.{key}";
            switch (key)
            {
                case "Id":
                    report.Mapped(fieldPath, "id");
                    break;
                case "Arn" when isEcs && arn is not null:
                    ecsTask.Cluster = arn[(arn.LastIndexOf('/') + 1)..];
                    report.Mapped(fieldPath, $"ecsTask.cluster '{ecsTask.Cluster}'");
                    break;
                case "Arn":
                    report.Rejected(fieldPath, $"'{arn}' is not an ECS cluster: only ECS targets convert (an HTTP endpoint is an http target, written by hand)");
                    break;
                case "EcsParameters":
                    EcsParameters(file, value, jsonPath + ".EcsParameters", fieldPath, ecsTask, report);
                    break;
                case "Input":
                    ecsTask.Input = String(file, value, jsonPath + ".Input");
                    report.Mapped(fieldPath, "ecsTask.input");
                    break;
                case "InputPath":
                    ecsTask.InputPath = String(file, value, jsonPath + ".InputPath");
                    report.Mapped(fieldPath, "ecsTask.inputPath");
                    break;
                case "InputTransformer":
                    ecsTask.InputTransformer = AwsJson.Deserialize<InputTransformer>(file, AwsJson.CamelCase(value, "InputPathsMap")!, jsonPath + ".InputTransformer");
                    AwsJson.ReportUnknownFields(AwsJson.CamelCase(value, "InputPathsMap"), ecsTask.InputTransformer, fieldPath, report);
                    report.Mapped(fieldPath, "ecsTask.inputTransformer");
                    break;
                case "RetryPolicy":
                    result.RetryPolicy = AwsJson.Deserialize<RetryPolicy>(file, AwsJson.CamelCase(value)!, jsonPath + ".RetryPolicy");
                    RetryPolicy(result.RetryPolicy, fieldPath, report);
                    break;
                case "DeadLetterConfig":
                    report.Approximated(fieldPath, "dead letters are kept in the rule's status (the last 20); nothing is sent to a queue");
                    break;
                case "RoleArn":
                    report.Ignored(fieldPath, "the operator starts tasks with its own rights, not a role of the target");
                    break;
                default:
                    report.Ignored(fieldPath, OtherTargetParameters.Contains(key) ? "parameters of another kind of target" : "unknown field: not part of a PutTargets target, not translated");
                    break;
            }
        }

        if (result.Id is null)
        {
            report.Rejected($"{path}.Id", "is required");
        }

        if (arn is null)
        {
            report.Rejected($"{path}.Arn", "is required: the ECS cluster's ARN");
        }
        else if (isEcs && target["EcsParameters"] is null)
        {
            report.Rejected($"{path}.EcsParameters", "is required for an ECS target (at least TaskDefinitionArn)");
        }

        result.EcsTask = ecsTask;
        return result;
    }

    private static void EcsParameters(string file, JsonNode? node, string jsonPath, string path, EcsTaskTarget ecsTask, TranslationReport report)
    {
        if (node is not JsonObject parameters)
        {
            throw new AwsInputException($"{file}: {jsonPath}: expected an object");
        }

        foreach (var (key, value) in parameters)
        {
            var fieldPath = $"{path}.{key}";
            switch (key)
            {
                case "TaskDefinitionArn":
                    var taskDefinition = String(file, value, jsonPath + ".TaskDefinitionArn")!;
                    ecsTask.TaskDefinition = TaskDefinitionOf(taskDefinition);
                    report.Mapped(fieldPath, $"ecsTask.taskDefinition '{ecsTask.TaskDefinition}'");
                    break;
                case "TaskCount":
                    ecsTask.Count = Int(file, value, jsonPath + ".TaskCount");
                    if (ecsTask.Count is < 1 or > 10)
                    {
                        report.Rejected(fieldPath, $"{ecsTask.Count} is out of range (1 to 10)");
                    }
                    else
                    {
                        report.Mapped(fieldPath, "ecsTask.count");
                    }

                    break;
                case "LaunchType":
                    ecsTask.LaunchType = String(file, value, jsonPath + ".LaunchType");
                    if (ecsTask.LaunchType is not ("EC2" or "FARGATE" or "EXTERNAL" or "MANAGED_INSTANCES"))
                    {
                        report.Rejected(fieldPath, $"'{ecsTask.LaunchType}' is not EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES");
                    }
                    else
                    {
                        report.Mapped(fieldPath, "ecsTask.launchType: the capacity provider of that name");
                    }

                    break;
                case "CapacityProviderStrategy":
                    ecsTask.CapacityProviderStrategy = AwsJson.Deserialize<List<CapacityProviderStrategyItem>>(file, AwsJson.CamelCase(value)!, jsonPath + ".CapacityProviderStrategy");
                    AwsJson.ReportUnknownFields(AwsJson.CamelCase(value), ecsTask.CapacityProviderStrategy, fieldPath, report);
                    report.Mapped(fieldPath, "ecsTask.capacityProviderStrategy");
                    break;
                default:
                    report.Ignored(fieldPath, IgnoredEcsFields.GetValueOrDefault(key, "unknown field: not part of EcsParameters, not translated"));
                    break;
            }
        }

        if (ecsTask.TaskDefinition is null)
        {
            report.Rejected($"{path}.TaskDefinitionArn", "is required");
        }
    }

    private static void RetryPolicy(RetryPolicy policy, string path, TranslationReport report)
    {
        if (policy.MaximumRetryAttempts is < 0 or > 185)
        {
            report.Rejected($"{path}.MaximumRetryAttempts", $"{policy.MaximumRetryAttempts} is out of range (0 to 185)");
        }
        else if (policy.MaximumEventAgeInSeconds is < 60 or > 86400)
        {
            report.Rejected($"{path}.MaximumEventAgeInSeconds", $"{policy.MaximumEventAgeInSeconds} is out of range (60 to 86400)");
        }
        else
        {
            report.Mapped(path, "retryPolicy");
        }
    }

    private static string? State(string? state, string path, TranslationReport report)
    {
        switch (state)
        {
            case EcsEventRuleSpec.Enabled or EcsEventRuleSpec.Disabled:
                report.Mapped(path, "spec.state");
                return state;
            case "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS":
                report.Approximated(path, "ENABLED: there are no CloudTrail management events here");
                return EcsEventRuleSpec.Enabled;
            default:
                report.Rejected(path, $"'{state}' is not ENABLED or DISABLED");
                return null;
        }
    }

    private static FreeFormJson? Pattern(JsonNode? value, string path, TranslationReport report)
    {
        // put-rule takes the pattern as a JSON string; a pattern given as an object is taken as well.
        JsonNode? pattern = value;
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                pattern = JsonNode.Parse(text.GetValue<string>());
            }
            catch (JsonException e)
            {
                report.Rejected(path, $"is not valid JSON: {e.Message}");
                return null;
            }
        }

        if (pattern is not JsonObject)
        {
            report.Rejected(path, "must be a JSON object (as a string, the way put-rule takes it)");
            return null;
        }

        var parsed = EventPattern.Parse(pattern);
        if (parsed.Error is { } error)
        {
            report.Rejected(path + error.Path.TrimStart('$'), error.Reason);
            return null;
        }

        report.Mapped(path, "spec.eventPattern (as an object)");
        return new FreeFormJson(pattern.DeepClone());
    }

    /// <summary>family:revision of a task definition ARN; a family or family:revision as it is.</summary>
    private static string TaskDefinitionOf(string value)
    {
        const string marker = ":task-definition/";
        var at = value.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? value : value[(at + marker.Length)..];
    }

    private static string? String(string file, JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new AwsInputException($"{file}: {path}: expected a string"),
    };

    private static int? Int(string file, JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && int.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var i) => i,
        _ => throw new AwsInputException($"{file}: {path}: expected an integer"),
    };

    /// <summary>The JSON objects of the input: one, several concatenated, or an array of them.</summary>
    private static List<JsonObject> Documents(string file, string text)
    {
        var documents = new List<JsonObject>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                var node = JsonNode.Parse(ref reader);
                switch (node)
                {
                    case JsonObject obj:
                        documents.Add(obj);
                        break;
                    case JsonArray array when array.All(n => n is JsonObject):
                        documents.AddRange(array.Select(n => (JsonObject)n!));
                        break;
                    default:
                        throw new AwsInputException($"{file}: document {documents.Count + 1}: expected a JSON object (put-rule or put-targets input)");
                }
            }
        }
        catch (JsonException e)
        {
            throw new AwsInputException($"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: malformed JSON", e);
        }

        return documents;
    }
}
