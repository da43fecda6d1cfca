using EcsOnK8s.Translation.Naming;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>
/// The API server's validation (k8s.io/kubernetes pkg/apis/core/validation, apps and batch) of what the renderer can
/// get wrong, run on rendered objects before anything is written: object names, labels and annotations, pod
/// templates (containers, ports, variables, mounts, probes, resources, DNS, host aliases, sysctls, scheduling) and
/// Service ports, plus the uniqueness that server-side apply needs of keyed lists (variables by name, ports by port
/// and protocol, mounts by path). Mappers check the ECS fields they read and name them; this is the net under them,
/// so that an input no mapper foresaw is refused before a revision registers or a workload moves to it, never by
/// the API server after. Pure.
/// </summary>
public static class KubernetesValidator
{
    /// <summary>Largest total size of an object's annotations (keys and values), as the API server counts it.</summary>
    public const int MaxAnnotationsBytes = 256 * 1024;

    private const int MaxCronJobNameLength = 52;

    private static readonly string[] s_always = ["Always"];
    private static readonly string[] s_runToCompletion = ["OnFailure", "Never"];

    /// <summary>Everything in <paramref name="obj"/> that Kubernetes 1.<paramref name="kubernetesMinor"/> would refuse; empty when nothing.</summary>
    public static IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, int kubernetesMinor)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        var kind = obj.Kind ?? obj.GetType().Name;
        MetadataRules.ObjectMeta(obj.Metadata, "metadata", NameRule(kind), errors);
        switch (obj)
        {
            case V1Deployment d:
                MetadataRules.Selector(d.Spec?.Selector, d.Spec?.Template, "spec", errors);
                FieldRules.NonNegative(d.Spec?.Replicas, "spec", ".replicas", errors);
                FieldRules.NonNegative(d.Spec?.MinReadySeconds, "spec", ".minReadySeconds", errors);
                PodTemplate(d.Spec?.Template, "spec.template", kubernetesMinor, s_always, errors);
                break;
            case V1DaemonSet d:
                MetadataRules.Selector(d.Spec?.Selector, d.Spec?.Template, "spec", errors);
                PodTemplate(d.Spec?.Template, "spec.template", kubernetesMinor, s_always, errors);
                break;
            case V1StatefulSet d:
                MetadataRules.Selector(d.Spec?.Selector, d.Spec?.Template, "spec", errors);
                PodTemplate(d.Spec?.Template, "spec.template", kubernetesMinor, s_always, errors);
                break;
            case V1Job j:
                Job(j.Spec, "spec", kubernetesMinor, errors);
                break;
            case V1CronJob c:
                if (string.IsNullOrWhiteSpace(c.Spec?.Schedule))
                {
                    errors.Add(new("spec.schedule", "is required"));
                }

                MetadataRules.ObjectMeta(c.Spec?.JobTemplate?.Metadata, "spec.jobTemplate.metadata", null, errors);
                Job(c.Spec?.JobTemplate?.Spec, "spec.jobTemplate.spec", kubernetesMinor, errors);
                break;
            case V1Service s:
                ServiceRules.Service(s.Spec, "spec", errors);
                break;
            case V1PersistentVolumeClaim claim:
                ResourceRules.Quantities(claim.Spec?.Resources?.Requests, "spec", ".resources.requests", errors);
                break;
            default:
                break;
        }

        return errors;
    }

    /// <summary>Adds what Kubernetes 1.<paramref name="kubernetesMinor"/> would refuse in a pod template to <paramref name="errors"/>.</summary>
    public static void PodTemplate(V1PodTemplateSpec? template, string path, int kubernetesMinor, IReadOnlyCollection<string> restartPolicies, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(restartPolicies);
        ArgumentNullException.ThrowIfNull(errors);
        if (template is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        MetadataRules.ObjectMeta(template.Metadata, path + ".metadata", null, errors);
        if (template.Spec is not { } spec)
        {
            errors.Add(new(path + ".spec", "is required"));
            return;
        }

        PodRules.PodSpec(spec, path + ".spec", kubernetesMinor, errors);
        if (spec.RestartPolicy is { } policy && !restartPolicies.Contains(policy))
        {
            errors.Add(new(path + ".spec.restartPolicy", $"'{policy}' is not supported here (only {string.Join(", ", restartPolicies)})"));
        }
    }

    private static Func<string, bool>? NameRule(string kind) => kind switch
    {
        "Service" => KubeNames.IsDns1035Label,
        "Job" => KubeNames.IsDnsLabel,
        "CronJob" => n => KubeNames.IsDnsSubdomain(n) && n.Length <= MaxCronJobNameLength,
        _ => KubeNames.IsDnsSubdomain,
    };

    private static void Job(V1JobSpec? spec, string path, int minor, List<FieldError> errors)
    {
        if (spec is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        FieldRules.NonNegative(spec.Parallelism, path, ".parallelism", errors);
        FieldRules.NonNegative(spec.Completions, path, ".completions", errors);
        FieldRules.NonNegative(spec.BackoffLimit, path, ".backoffLimit", errors);
        FieldRules.Positive(spec.ActiveDeadlineSeconds, path, ".activeDeadlineSeconds", errors);
        PodTemplate(spec.Template, path + ".template", minor, s_runToCompletion, errors);
    }
}
