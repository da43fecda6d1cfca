using EcsOnK8s.Api;
using EcsOnK8s.Runtime;
using EcsOnK8s.Translation.Model;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Keeps the labels Kubernetes does not let change on children that already exist. Children rendered before
/// EcsOnK8s dropped <see cref="WellKnownLabels.LegacyInstance"/> select their pods with it (a Deployment's or
/// DaemonSet's selector is immutable) or stamped it into an immutable pod template (a Job's): applying the new
/// labels there would be refused. Such a child keeps the legacy label in its selector and pod template; everything
/// mutable (the child's own labels) moves to the new labels.
/// </summary>
public static class ImmutableLabels
{
    /// <summary>
    /// Adjusts <paramref name="rendered"/>'s workloads in place: a live Deployment or DaemonSet whose selector is the
    /// desired one plus the legacy label keeps it, and its pods keep that label; a live Job keeps it in its template.
    /// </summary>
    public static void KeepLive(EcsInformers informers, RenderResult rendered)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(rendered);
        foreach (var child in rendered.Objects)
        {
            switch (child)
            {
                case V1Deployment d when informers.Deployments.Store.Get(ObjectKey.From(d)) is { } live:
                    d.Spec.Selector = KeepSelector(d.Spec.Selector, live.Spec?.Selector, d.Spec.Template);
                    break;
                case V1DaemonSet d when informers.DaemonSets.Store.Get(ObjectKey.From(d)) is { } live:
                    d.Spec.Selector = KeepSelector(d.Spec.Selector, live.Spec?.Selector, d.Spec.Template);
                    break;
                case V1Job j when informers.Jobs.Store.Get(ObjectKey.From(j)) is { } live
                    && live.Spec?.Template?.Metadata?.Labels?.TryGetValue(WellKnownLabels.LegacyInstance, out var value) == true:
                    j.Spec.Template.Metadata ??= new V1ObjectMeta();
                    j.Spec.Template.Metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    j.Spec.Template.Metadata.Labels.TryAdd(WellKnownLabels.LegacyInstance, value);
                    break;
            }
        }
    }

    private static V1LabelSelector KeepSelector(V1LabelSelector desired, V1LabelSelector? live, V1PodTemplateSpec template)
    {
        // Only the dropped label is carried over: any other selector change (a new serviceName) is still sent, and
        // refused by the API server, as before.
        if (live?.MatchLabels is not { } liveLabels || live.MatchExpressions is { Count: > 0 }
            || !liveLabels.TryGetValue(WellKnownLabels.LegacyInstance, out var instance)
            || !Same(desired?.MatchLabels, liveLabels.Where(p => p.Key != WellKnownLabels.LegacyInstance).ToDictionary()))
        {
            return desired!;
        }

        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
        template.Metadata.Labels[WellKnownLabels.LegacyInstance] = instance;
        return new V1LabelSelector { MatchLabels = new Dictionary<string, string>(liveLabels, StringComparer.Ordinal) };
    }

    private static bool Same(IDictionary<string, string>? a, Dictionary<string, string> b) =>
        a is not null && a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
