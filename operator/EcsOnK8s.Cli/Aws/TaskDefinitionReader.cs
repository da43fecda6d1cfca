using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// A task definition as <c>aws ecs register-task-definition</c> takes it, or as
/// <c>aws ecs describe-task-definition</c> prints it (<c>{"taskDefinition": {...}, "tags": [...]}</c>).
/// </summary>
public static class TaskDefinitionReader
{
    public const string Prefix = "taskDefinition";

    public static EcsTaskDefinitionSpec Read(string file, string text, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = AwsJson.Parse(file, text);
        if (node is not JsonObject root)
        {
            throw new AwsInputException($"{file}: $: a task definition is a JSON object");
        }

        EcsTaskDefinitionSpec spec;
        if (root["taskDefinition"] is JsonObject described)
        {
            spec = AwsJson.Deserialize<EcsTaskDefinitionSpec>(file, described, "$.taskDefinition");
            AwsJson.ReportUnknownFields(described, spec, Prefix, report);
            if (root["tags"] is JsonArray tags && tags.Count > 0)
            {
                spec.Tags ??= AwsJson.Deserialize<List<Tag>>(file, tags, "$.tags");
            }

            foreach (var (key, value) in root)
            {
                if (key is not ("taskDefinition" or "tags") && value is not null)
                {
                    report.Ignored(key, "unknown field of describe-task-definition output, not translated");
                }
            }
        }
        else
        {
            spec = AwsJson.Deserialize<EcsTaskDefinitionSpec>(file, root, "$");
            AwsJson.ReportUnknownFields(root, spec, Prefix, report);
        }

        if (string.IsNullOrWhiteSpace(spec.Family))
        {
            throw new AwsInputException($"{file}: $.family: a task definition needs a family");
        }

        if (spec.ContainerDefinitions is not { Count: > 0 })
        {
            throw new AwsInputException($"{file}: $.containerDefinitions: a task definition needs at least one container");
        }

        return spec;
    }
}
