using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// An EventBridge Scheduler schedule as <c>aws scheduler create-schedule</c> takes it (PascalCase, with an ECS
/// target). Returns the schedule's name and its spec.
/// </summary>
public static class ScheduleReader
{
    public const string Prefix = "scheduledTask";

    public static (string Name, EcsScheduledTaskSpec Spec) Read(string file, string text, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = AwsJson.Parse(file, text);
        if (node is not JsonObject root)
        {
            throw new AwsInputException($"{file}: $: a schedule is a JSON object");
        }

        // Tags of EcsParameters are maps whose keys are the user's tag keys: not renamed.
        var camel = (JsonObject)AwsJson.CamelCase(root, "Tags")!;
        var name = (string?)camel["name"] ?? "schedule";
        camel.Remove("name");
        foreach (var key in new[] { "clientToken", "kmsKeyArn" })
        {
            if (camel.Remove(key))
            {
                report.Ignored($"{Prefix}.{key}", "AWS-only setting of the schedule");
            }
        }

        if (camel["target"] is not JsonObject target || target["ecsParameters"] is not JsonObject)
        {
            throw new AwsInputException($"{file}: $.Target.EcsParameters: the schedule needs an ECS target");
        }

        var spec = AwsJson.Deserialize<EcsScheduledTaskSpec>(file, camel, "$", report, Prefix);
        AwsJson.ReportUnknownFields(camel, spec, Prefix, report);
        if (spec.Cluster is null && target["arn"] is JsonValue arn && arn.GetValue<string>() is { } clusterArn && clusterArn.Contains(":cluster/", StringComparison.Ordinal))
        {
            spec.Cluster = clusterArn[(clusterArn.LastIndexOf('/') + 1)..];
        }

        return (name, spec);
    }
}
