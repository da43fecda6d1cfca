using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// Application Auto Scaling documents for an ECS service, in AWS's PascalCase: the inputs of
/// register-scalable-target, put-scaling-policy (TargetTrackingScaling, StepScaling) and put-scheduled-action,
/// or the describe-scalable-targets / describe-scaling-policies / describe-scheduled-actions outputs. Each file
/// holds one document, an array of them, or a describe output. Step scaling may add <c>Metric</c> (a
/// CustomizedMetricSpecification) and <c>Threshold</c> to its StepScalingPolicyConfiguration: in AWS they live on
/// the CloudWatch alarm. Report paths are <c>scaling[n]</c>, n counting documents over all files.
/// </summary>
public static class ScalingReader
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal) { "ServiceNamespace", "ResourceId", "ScalableDimension" };
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal)
    {
        "PolicyARN", "Alarms", "CreationTime", "ScheduledActionARN", "ScalableTargetARN", "RoleARN", "PredictedCapacity",
    };

    public static ServiceAutoScaling? Read(IReadOnlyList<(string File, string Text)> files, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(report);
        if (files.Count == 0)
        {
            return null;
        }

        var scaling = new ServiceAutoScaling();
        var n = 0;
        foreach (var (file, text) in files)
        {
            var node = AwsJson.Parse(file, text);
            foreach (var (doc, docPath) in Documents(file, node))
            {
                Read(file, doc, docPath, $"scaling[{n}]", scaling, report);
                n++;
            }
        }

        return scaling;
    }

    private static IEnumerable<(JsonObject Doc, string Path)> Documents(string file, JsonNode node)
    {
        return Documents(file, node, "$");
    }

    private static IEnumerable<(JsonObject Doc, string Path)> Documents(string file, JsonNode node, string path)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany((d, i) => Documents(file, d ?? throw new AwsInputException($"{file}: {path}[{i}]: expected an object"), $"{path}[{i}]"));
        }

        if (node is not JsonObject obj)
        {
            throw new AwsInputException($"{file}: {path}: expected an object or an array of objects");
        }

        foreach (var wrapper in new[] { "ScalableTargets", "ScalingPolicies", "ScheduledActions" })
        {
            if (obj[wrapper] is JsonArray items)
            {
                return items.Select((d, i) => (d as JsonObject ?? throw new AwsInputException($"{file}: {path}.{wrapper}[{i}]: expected an object"), $"{path}.{wrapper}[{i}]"));
            }
        }

        return [(obj, path)];
    }

    private static void Read(string file, JsonObject doc, string docPath, string path, ServiceAutoScaling scaling, TranslationReport report)
    {
        if ((string?)doc["ServiceNamespace"] is { } serviceNamespace && serviceNamespace != "ecs")
        {
            report.Rejected($"{path}.ServiceNamespace", $"'{serviceNamespace}' is not ecs: only ECS service scaling is translated");
        }

        if ((string?)doc["ScalableDimension"] is { } dimension && dimension != "ecs:service:DesiredCount")
        {
            report.Rejected($"{path}.ScalableDimension", $"'{dimension}' is not ecs:service:DesiredCount");
        }

        foreach (var key in Common.Where(doc.ContainsKey))
        {
            report.Mapped($"{path}.{key}", "identifies the scaled ECS service");
        }

        foreach (var key in ReadOnly.Where(doc.ContainsKey))
        {
            report.Ignored($"{path}.{key}", key is "RoleARN" ? "the service-linked IAM role: AWS-only" : "read-only field of describe output");
        }

        HashSet<string> known;
        if (doc.ContainsKey("ScheduledActionName"))
        {
            known = ["ScheduledActionName", "Schedule", "Timezone", "StartTime", "EndTime", "ScalableTargetAction"];
            var camel = Camel(doc, known);
            foreach (var key in new[] { "startTime", "endTime" })
            {
                if (camel[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                {
                    camel[key] = DateTimeOffset.FromUnixTimeMilliseconds((long)(v.GetValue<double>() * 1000)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                }
            }

            var action = AwsJson.Deserialize<ScheduledAction>(file, camel, docPath, report, path);
            AwsJson.ReportUnknownFields(camel, action, path, report);
            (scaling.ScheduledActions ??= []).Add(action);
        }
        else if (doc.ContainsKey("PolicyName"))
        {
            var type = (string?)doc["PolicyType"] ?? "StepScaling";
            known = ["PolicyName", "PolicyType", "TargetTrackingScalingPolicyConfiguration", "StepScalingPolicyConfiguration", "PredictiveScalingPolicyConfiguration"];
            report.Mapped($"{path}.PolicyName", "kept in the report");
            report.Mapped($"{path}.PolicyType", type);
            switch (type)
            {
                case "TargetTrackingScaling":
                    var tt = Configuration(doc, "TargetTrackingScalingPolicyConfiguration", file, docPath);
                    tt["policyName"] = (string?)doc["PolicyName"];
                    var policy = AwsJson.Deserialize<TargetTrackingPolicy>(file, tt, docPath + ".TargetTrackingScalingPolicyConfiguration", report, $"{path}.TargetTrackingScalingPolicyConfiguration");
                    AwsJson.ReportUnknownFields(tt, policy, $"{path}.TargetTrackingScalingPolicyConfiguration", report);
                    (scaling.TargetTrackingPolicies ??= []).Add(policy);
                    break;
                case "StepScaling":
                    var step = Configuration(doc, "StepScalingPolicyConfiguration", file, docPath);
                    step["policyName"] = (string?)doc["PolicyName"];
                    var stepPolicy = AwsJson.Deserialize<StepScalingPolicy>(file, step, docPath + ".StepScalingPolicyConfiguration", report, $"{path}.StepScalingPolicyConfiguration");
                    AwsJson.ReportUnknownFields(step, stepPolicy, $"{path}.StepScalingPolicyConfiguration", report);
                    (scaling.StepScalingPolicies ??= []).Add(stepPolicy);
                    break;
                case "PredictiveScaling":
                    report.Ignored($"{path}.PredictiveScalingPolicyConfiguration", "predictive scaling has no Kubernetes counterpart; the other policies still apply");
                    break;
                default:
                    report.Rejected($"{path}.PolicyType", $"unknown policy type '{type}'");
                    break;
            }
        }
        else
        {
            known = ["MinCapacity", "MaxCapacity", "SuspendedState"];
            var camel = Camel(doc, known);
            var target = AwsJson.Deserialize<ServiceAutoScaling>(file, camel, docPath, report, path);
            AwsJson.ReportUnknownFields(camel, target, path, report);
            scaling.MinCapacity = target.MinCapacity ?? scaling.MinCapacity;
            scaling.MaxCapacity = target.MaxCapacity ?? scaling.MaxCapacity;
            scaling.SuspendedState = target.SuspendedState ?? scaling.SuspendedState;
        }

        foreach (var (key, value) in doc)
        {
            if (value is not null && !known.Contains(key) && !Common.Contains(key) && !ReadOnly.Contains(key))
            {
                report.Ignored($"{path}.{key}", "unknown field of an Application Auto Scaling document, not translated");
            }
        }
    }

    private static JsonObject Camel(JsonObject doc, HashSet<string> keys)
    {
        var subset = new JsonObject();
        foreach (var (key, value) in doc)
        {
            if (keys.Contains(key))
            {
                subset[key] = value?.DeepClone();
            }
        }

        return (JsonObject)AwsJson.CamelCase(subset)!;
    }

    private static JsonObject Configuration(JsonObject doc, string key, string file, string docPath) =>
        doc[key] is JsonObject config
            ? (JsonObject)AwsJson.CamelCase(config)!
            : throw new AwsInputException($"{file}: {docPath}.{key}: required for this PolicyType");
}
