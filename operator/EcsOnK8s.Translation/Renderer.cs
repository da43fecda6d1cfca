using System.Collections.Frozen;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Validation;
using EcsOnK8s.Translation.Workloads;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation;

/// <summary>
/// The whole translation: from a task definition revision, one workload, its cluster and the cluster's
/// capabilities to the desired Kubernetes objects and the report. Pure and deterministic: no I/O, no clock (the time,
/// where it matters, is the request's), no environment; the same request gives byte-identical output.
/// </summary>
public static class Renderer
{
    // Dependencies first (what a pod needs before it starts), then workloads, then what watches them. The
    // dependencies are named after the role, volume or secret they stand for, so workloads share them.
    private const int SharedKinds = 6;

    private static readonly string[] KindOrder =
    [
        "ServiceAccount", "Secret", "ConfigMap", "ExternalSecret", "PersistentVolume", "PersistentVolumeClaim",
        "Service", "Deployment", "DaemonSet", "Job", "CronJob", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "TargetGroupBinding", "HTTPRoute", "Ingress",
    ];

    private static readonly FrozenDictionary<string, int> KindRanks =
        KindOrder.Select((kind, rank) => KeyValuePair.Create(kind, rank)).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Renders exactly one of <see cref="RenderRequest.Service"/>, <see cref="RenderRequest.Task"/> and
    /// <see cref="RenderRequest.ScheduledTask"/>. Objects are ordered by kind, then name; when the report has a
    /// rejection there are none.
    /// </summary>
    /// <exception cref="ArgumentException">Not exactly one workload is set.</exception>
    public static RenderResult Render(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var set = (request.Service is null ? 0 : 1) + (request.Task is null ? 0 : 1) + (request.ScheduledTask is null ? 0 : 1);
        if (set != 1)
        {
            throw new ArgumentException($"exactly one of Service, Task and ScheduledTask must be set ({set} are)", nameof(request));
        }

        var report = new TranslationReport(capacity: 128);
        var objects = request.Service is not null ? ServiceRenderer.Render(request, report)
            : request.Task is not null ? TaskRenderer.Render(request, report)
            : ScheduledTaskRenderer.Render(request, report);
        if (!report.HasRejections)
        {
            RejectWhatTheApiServerWouldRefuse(objects, request.Capabilities.KubernetesMinor, report);
        }

        if (report.HasRejections)
        {
            return new RenderResult([], report);
        }

        // A schedule renders no Job but the template of its runs, validated above like the rest.
        var runTemplate = request.ScheduledTask is null ? null : objects.OfType<V1Job>().FirstOrDefault();
        if (runTemplate is not null)
        {
            objects.Remove(runTemplate);
        }

        objects.Sort(Compare);
        return new RenderResult(objects, report) { Shared = objects.FindAll(o => Rank(o.Kind) < SharedKinds), RunTemplate = runTemplate };
    }

    /// <summary>
    /// Files what the API server would refuse in the rendered objects as rejections (under the object's kind and name
    /// and the field's path in it), so that a workload is refused up front with the field named instead of being
    /// refused child by child when applied.
    /// </summary>
    internal static void RejectWhatTheApiServerWouldRefuse(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, int kubernetesMinor, TranslationReport report)
    {
        foreach (var obj in objects)
        {
            foreach (var error in KubernetesValidator.Validate(obj, kubernetesMinor))
            {
                report.Rejected($"{obj.Kind} {obj.Metadata?.Name} {error.Path}", $"{error.Message}: the API server would refuse it");
            }
        }
    }

    private static int Compare(IKubernetesObject<V1ObjectMeta> a, IKubernetesObject<V1ObjectMeta> b)
    {
        var byKind = Rank(a.Kind).CompareTo(Rank(b.Kind));
        if (byKind != 0)
        {
            return byKind;
        }

        var kind = string.CompareOrdinal(a.Kind, b.Kind);
        return kind != 0 ? kind : string.CompareOrdinal(a.Metadata?.Name, b.Metadata?.Name);
    }

    private static int Rank(string? kind) =>
        kind is not null && KindRanks.TryGetValue(kind, out var rank) ? rank : KindOrder.Length;
}
