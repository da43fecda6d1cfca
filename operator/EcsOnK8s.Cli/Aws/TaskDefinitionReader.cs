using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// A task definition as <c>aws ecs register-task-definition</c> takes it, as <c>aws ecs describe-task-definition</c>
/// prints it (<c>{"taskDefinition": {...}, "tags": [...]}</c>), or as a bare <c>containerDefinitions</c> array
/// (Terraform's <c>container_definitions</c>) whose family is given apart; JSON or YAML.
/// </summary>
public static class TaskDefinitionReader
{
    public const string Prefix = "taskDefinition";

    /// <summary>
    /// Reads the task definition of <paramref name="file"/>; <paramref name="family"/> comes from <c>--family</c>: a
    /// bare array needs it, a document that names its own family must agree with it.
    /// </summary>
    public static EcsTaskDefinitionSpec Read(string file, string text, TranslationReport report, string? family = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = AwsJson.Parse(file, text);
        EcsTaskDefinitionSpec spec;
        if (node is JsonArray containers)
        {
            if (string.IsNullOrWhiteSpace(family))
            {
                throw new AwsInputException($"{file}: $: a bare containerDefinitions array (Terraform's container_definitions) needs --family");
            }

            var wrapped = new JsonObject { ["family"] = family, ["containerDefinitions"] = containers.DeepClone() };
            spec = AwsJson.Deserialize<EcsTaskDefinitionSpec>(file, wrapped, "$", report, Prefix);
            AwsJson.ReportUnknownFields(wrapped, spec, Prefix, report);
            report.Mapped($"{Prefix}.family", "from --family: labels and the task-definition annotation");
        }
        else if (node is not JsonObject root)
        {
            throw new AwsInputException($"{file}: $: a task definition is a JSON object, or an array of container definitions");
        }
        else if (root["taskDefinition"] is JsonObject described)
        {
            spec = AwsJson.Deserialize<EcsTaskDefinitionSpec>(file, described, "$.taskDefinition", report, Prefix);
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
            spec = AwsJson.Deserialize<EcsTaskDefinitionSpec>(file, root, "$", report, Prefix);
            AwsJson.ReportUnknownFields(root, spec, Prefix, report);
        }

        if (!string.IsNullOrWhiteSpace(family) && !string.IsNullOrWhiteSpace(spec.Family) && spec.Family != family)
        {
            throw new AwsInputException($"{file}: $.family: the document's family '{spec.Family}' differs from --family '{family}'");
        }

        spec.Family ??= family;
        if (string.IsNullOrWhiteSpace(spec.Family))
        {
            throw new AwsInputException($"{file}: $.family: a task definition needs a family (or give --family)");
        }

        if (spec.ContainerDefinitions is not { Count: > 0 })
        {
            throw new AwsInputException($"{file}: $.containerDefinitions: a task definition needs at least one container");
        }

        return spec;
    }
}
