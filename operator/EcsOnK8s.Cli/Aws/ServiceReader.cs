using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// A service as <c>aws ecs create-service</c> takes it, or one service of <c>aws ecs describe-services</c>
/// output (<c>{"services": [...]}</c>; <c>clusterArn</c> and <c>roleArn</c> are mapped, status fields ignored).
/// </summary>
public static class ServiceReader
{
    public const string Prefix = "service";

    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal)
    {
        "serviceArn", "status", "runningCount", "pendingCount", "deployments", "events", "createdAt", "createdBy",
        "taskSets", "platformFamily", "currentServiceDeployment", "currentServiceRevisions", "resourceManagementType",
    };

    public static EcsServiceSpec Read(string file, string text, string? serviceName, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = AwsJson.Parse(file, text);
        if (node is not JsonObject root)
        {
            throw new AwsInputException($"{file}: $: a service is a JSON object");
        }

        var path = "$";
        var service = root;
        if (root["services"] is JsonArray services)
        {
            var candidates = services.OfType<JsonObject>().ToList();
            var index = serviceName is null
                ? (candidates.Count == 1 ? 0 : -1)
                : candidates.FindIndex(s => (string?)s["serviceName"] == serviceName);
            if (index < 0)
            {
                throw new AwsInputException(serviceName is null
                    ? $"{file}: $.services: {candidates.Count} services; choose one with --service-name"
                    : $"{file}: $.services: no service named '{serviceName}'");
            }

            path = $"$.services[{index}]";
            service = (JsonObject)candidates[index].DeepClone();
            foreach (var key in service.Select(kv => kv.Key).ToList())
            {
                if (ReadOnly.Contains(key))
                {
                    service.Remove(key);
                    report.Ignored($"{Prefix}.{key}", "read-only field of describe-services output");
                }
            }

            if (service["clusterArn"] is JsonValue clusterArn)
            {
                service.Remove("clusterArn");
                service["cluster"] ??= clusterArn.GetValue<string>();
            }

            if (service["roleArn"] is JsonValue roleArn)
            {
                service.Remove("roleArn");
                service["role"] ??= roleArn.GetValue<string>();
            }
        }

        var spec = AwsJson.Deserialize<EcsServiceSpec>(file, service, path, report, Prefix);
        AwsJson.ReportUnknownFields(service, spec, Prefix, report);
        if (spec.Cluster is { } cluster && cluster.StartsWith("arn:", StringComparison.Ordinal))
        {
            spec.Cluster = cluster[(cluster.LastIndexOf('/') + 1)..];
        }

        return spec;
    }
}
