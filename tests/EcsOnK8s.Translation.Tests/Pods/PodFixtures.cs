using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Tests.Pods;

/// <summary>Builds pod render contexts for tests.</summary>
internal static class PodFixtures
{
    public static ContainerDefinition Container(string name = "app", string image = "nginx:1.25") => new() { Name = name, Image = image };

    public static EcsTaskDefinitionSpec Spec(params ContainerDefinition[] containers) => new()
    {
        Family = "web",
        ContainerDefinitions = [.. containers],
    };

    public static PodRenderContext Context(
        EcsTaskDefinitionSpec spec,
        EcsClusterSpec? cluster = null,
        ClusterCapabilities? capabilities = null,
        bool runToCompletion = false,
        TaskOverride? overrides = null) => new()
        {
            Namespace = "team-a",
            OwnerName = "web",
            TaskDefinition = new ResolvedTaskDefinition(spec.Family ?? "web", 3, spec),
            ClusterName = "default",
            Cluster = cluster ?? new EcsClusterSpec(),
            Capabilities = capabilities ?? ClusterCapabilities.Kubernetes130,
            Report = new TranslationReport(),
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web" },
            RunToCompletion = runToCompletion,
            Overrides = overrides,
        };

    public static (PodRenderResult Result, TranslationReport Report) Build(
        EcsTaskDefinitionSpec spec,
        EcsClusterSpec? cluster = null,
        ClusterCapabilities? capabilities = null,
        bool runToCompletion = false,
        TaskOverride? overrides = null)
    {
        var context = Context(spec, cluster, capabilities, runToCompletion, overrides);
        return (PodTemplateBuilder.Build(context), context.Report);
    }

    public static ReportEntry Entry(this TranslationReport report, string path) =>
        report.Entries.SingleOrDefault(e => e.Path == path) ?? throw new Xunit.Sdk.XunitException(
            $"no report entry for {path}; entries: {string.Join(", ", report.Entries.Select(e => e.Path))}");

    public static V1Container Ctr(this PodRenderResult result, string name) =>
        result.Template.Spec.Containers.Single(c => c.Name == name);

    public static V1Container Init(this PodRenderResult result, string name) =>
        result.Template.Spec.InitContainers.Single(c => c.Name == name);

    public static string Request(this V1Container c, string resource) => c.Resources.Requests[resource].ToString();

    public static string Limit(this V1Container c, string resource) => c.Resources.Limits[resource].ToString();
}
