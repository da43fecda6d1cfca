using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// An EcsTask (RunTask) as one Job per task, <c>&lt;task&gt;-&lt;n&gt;</c> for n = 1..count: one pod, no retry
/// (backoffLimit 0: ECS does not restart a stopped task), restartPolicy Never, overrides applied to the template.
/// </summary>
public static class TaskRenderer
{
    /// <summary>Annotation recording RunTask's startedBy.</summary>
    public const string StartedByAnnotation = EcsApi.Group + "/started-by";

    /// <summary>Annotation recording the ECS task group (RunTask's and EcsParameters' group).</summary>
    public const string GroupAnnotation = EcsApi.Group + "/group";

    private const string P = "task.";

    public static List<IKubernetesObject<V1ObjectMeta>> Render(RenderRequest request, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        var task = request.Task!;
        var spec = task.Spec ?? new EcsTaskSpec();
        var name = KubeNames.Sanitize(task.Metadata?.Name, maxLength: KubeNames.MaxLabelLength - 3, fallback: "task");
        var count = Math.Clamp(spec.Count ?? 1, 1, 10);
        ReportFields(spec, report);

        var frame = WorkloadFrame.Create(
            request, task.Metadata, name, name, spec.Cluster, WellKnownLabels.Task, spec.Tags, propagateTagsToPods: true,
            runToCompletion: true, spec.Overrides, P + "overrides", P, report);
        var (ns, labels, pod, template) = (frame.Namespace, frame.Labels, frame.Pod, frame.Template);
        frame.ApplyPlacement(spec.PlacementConstraints, spec.PlacementStrategy);
        LaunchVolumes.Apply(template.Spec, request.TaskDefinition.Spec, spec.VolumeConfigurations, request.Capabilities, P, report);

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownAnnotations.TaskDefinition] = request.TaskDefinition.Identifier,
        };
        if (spec.StartedBy is not null)
        {
            annotations[StartedByAnnotation] = spec.StartedBy;
        }

        if (spec.Group is not null)
        {
            annotations[GroupAnnotation] = spec.Group;
        }

        var objects = new List<IKubernetesObject<V1ObjectMeta>>(pod.Companions);
        var shares = frame.ResolveProviders(spec.LaunchType, spec.CapacityProviderStrategy, count);
        var index = 0;
        var used = shares.Where(s => s.Count > 0).ToList();
        var copies = used.Select((_, i) => i == 0 ? template : WorkloadPod.Clone(template)).ToList();
        var templates = new Dictionary<ProviderShare, V1PodTemplateSpec>();
        foreach (var share in used)
        {
            for (var k = 0; k < share.Count; k++)
            {
                if (!templates.TryGetValue(share, out var shareTemplate))
                {
                    shareTemplate = copies[templates.Count];
                    frame.ApplyShare(shareTemplate, share, spec.LaunchType);
                    templates[share] = shareTemplate;
                }

                index++;
                objects.Add(BuildJob($"{name}-{index.ToString(CultureInfo.InvariantCulture)}", ns, labels.Object, annotations, shareTemplate));
            }
        }

        return objects;
    }

    /// <summary>A Job that runs one ECS task once.</summary>
    public static V1Job BuildJob(string name, string ns, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, V1PodTemplateSpec template) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
            Annotations = WorkloadLabels.Copy(annotations),
        },
        Spec = new V1JobSpec
        {
            Completions = 1,
            Parallelism = 1,
            BackoffLimit = 0,
            Template = template,
        },
    };

    private static void ReportFields(EcsTaskSpec spec, TranslationReport report)
    {
        CommonWorkloadFields.Report(report, P, spec.Cluster, P, spec.TaskDefinition, spec.PlatformVersion, spec.NetworkConfiguration, spec.EnableExecuteCommand);
        report.AddIfSet(spec.Count, P, "count", Disposition.Mapped, "one Job per task");
        report.AddIfSet(spec.StartedBy, P, "startedBy", Disposition.Mapped, $"annotation {StartedByAnnotation}");
        report.AddIfSet(spec.Group, P, "group", Disposition.Mapped, $"annotation {GroupAnnotation}");
        report.AddIfSet(spec.Tags, P, "tags", Disposition.Mapped, $"labels {WellKnownLabels.TagPrefix}<key> on the Jobs and their pods");
        report.AddIfSet(spec.EnableECSManagedTags, P, "enableECSManagedTags", Disposition.Ignored, "ECS-managed tags (aws:ecs:*) have no counterpart");
        report.AddIfSet(spec.PropagateTags, P, "propagateTags", Disposition.Mapped, "the task's tags are pod labels");
        report.AddIfSet(spec.ReferenceId, P, "referenceId", Disposition.Ignored, "an AWS reference for EventBridge; not kept");
        report.AddIfSet(spec.ClientToken, P, "clientToken", Disposition.Ignored, "an idempotency token of the RunTask call");
        report.AddIfSet(spec.Overrides, P, "overrides", Disposition.Mapped, "applied to the pod template");
    }
}
