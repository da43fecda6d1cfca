using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Aws;

/// <summary>A task as <c>aws ecs run-task</c> takes it (<c>--cli-input-json</c>).</summary>
public static class RunTaskReader
{
    public const string Prefix = "task";

    public static EcsTaskSpec Read(string file, string text, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = AwsJson.Parse(file, text);
        if (node is not JsonObject root)
        {
            throw new AwsInputException($"{file}: $: a run-task request is a JSON object");
        }

        var spec = AwsJson.Deserialize<EcsTaskSpec>(file, root, "$", report, Prefix);
        AwsJson.ReportUnknownFields(root, spec, Prefix, report);
        if (spec.Cluster is { } cluster && cluster.StartsWith("arn:", StringComparison.Ordinal))
        {
            spec.Cluster = cluster[(cluster.LastIndexOf('/') + 1)..];
        }

        return spec;
    }
}
