using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Validation;

namespace EcsOnK8s.Controllers.TaskDefinitions;

/// <summary>
/// Validates a task definition as ECS's RegisterTaskDefinition would, and translates its pod template once to report
/// what maps and what does not, and to refuse what the API server would refuse in it (a revision that registers must
/// be one its services can move to). Cluster policy is not applied here: it belongs to the cluster a service runs in.
/// </summary>
public static class TaskDefinitionValidator
{
    /// <summary>
    /// Returns the first error (field and reason), or null, and the translation summary. <paramref name="capabilities"/>
    /// is the cluster's (its version decides some rules, e.g. variable names); the newest Kubernetes when null.
    /// </summary>
    public static (string? Error, TranslationSummary Summary) Validate(EcsTaskDefinition td, string family, ClusterCapabilities? capabilities = null)
    {
        ArgumentNullException.ThrowIfNull(td);
        capabilities ??= ClusterCapabilities.Kubernetes130;
        var report = new TranslationReport();
        var error = Structural(td.Spec, family);
        if (error is null)
        {
            try
            {
                var pod = PodTemplateBuilder.Build(new PodRenderContext
                {
                    Namespace = td.Metadata.NamespaceProperty ?? "default",
                    OwnerName = td.Metadata.Name,
                    TaskDefinition = new ResolvedTaskDefinition(family, 1, td.Spec),
                    ClusterName = "default",
                    Cluster = WithAllCapabilities(td.Spec),
                    Capabilities = capabilities,
                    Report = report,
                    Labels = new Dictionary<string, string>(),
                });
                if (!report.HasRejections)
                {
                    RejectWhatTheApiServerWouldRefuse(pod, capabilities.KubernetesMinor, report);
                }
            }
            catch (ArgumentException e)
            {
                error = e.Message;
            }

            error ??= report.Rejections.Select(r => $"{r.Path}: {r.Reason}").FirstOrDefault();
        }

        return (error, TranslationSummaries.Summarize(report));
    }

    private static string? Structural(EcsTaskDefinitionSpec spec, string family)
    {
        if (family.Length is 0 or > 255 || !family.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return $"family: '{family}' must be 1-255 letters, digits, '-' or '_'";
        }

        if (spec.ContainerDefinitions is not { Count: > 0 } containers)
        {
            return "containerDefinitions: at least one container is required";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            if (string.IsNullOrWhiteSpace(container.Name))
            {
                return $"containerDefinitions[{i}].name: is required";
            }

            if (!names.Add(container.Name))
            {
                return $"containerDefinitions[{i}].name: '{container.Name}' is used by another container";
            }

            if (string.IsNullOrWhiteSpace(container.Image))
            {
                return $"containerDefinitions[{i}].image: is required";
            }
        }

        if (!containers.Any(c => c.Essential != false))
        {
            return "containerDefinitions: at least one container must be essential";
        }

        return null;
    }

    private static void RejectWhatTheApiServerWouldRefuse(PodRenderResult pod, int minor, TranslationReport report)
    {
        var errors = new List<FieldError>();
        KubernetesValidator.PodTemplate(pod.Template, "spec.template", minor, ["Always", "OnFailure", "Never"], errors);
        foreach (var error in errors)
        {
            report.Rejected("pod template " + error.Path, $"{error.Message}: the API server would refuse it");
        }

        foreach (var companion in pod.Companions)
        {
            foreach (var error in KubernetesValidator.Validate(companion, minor))
            {
                report.Rejected($"{companion.Kind} {companion.Metadata?.Name} {error.Path}", $"{error.Message}: the API server would refuse it");
            }
        }
    }

    /// <summary>A cluster that allows everything the spec asks for, so only the spec itself can be rejected.</summary>
    private static EcsClusterSpec WithAllCapabilities(EcsTaskDefinitionSpec spec) => new()
    {
        Policy = new ClusterPolicy
        {
            AllowPrivileged = true,
            AllowHostNetwork = true,
            AllowHostPID = true,
            AllowHostIPC = true,
            AllowHostPath = true,
            AllowHostPorts = true,
            AllowUnconfined = true,
            AllowedUnsafeSysctls = ["*"],
            AllowedCapabilities = [.. (spec.ContainerDefinitions ?? [])
                .SelectMany(c => c.LinuxParameters?.Capabilities?.Add ?? [])
                .Distinct(StringComparer.Ordinal)],
        },
    };
}
