using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// What the children's caches keep of each object (<see cref="Runtime.Informers.InformerOptions.Transform"/>): only
/// what a reader of the cache reads. Every kind keeps its metadata (the applier reads the hash annotation, the kept
/// Apply entry, UID, generation, resource version, owner and labels; pruning and the mappers read the same).
/// Beyond that, per kind:
/// <list type="bullet">
/// <item>Deployments and DaemonSets: replicas, selector (<see cref="ImmutableLabels"/>, the service's selector), the
/// pod template's annotations (the task definition a workload runs, in <c>ObserveWorkloads</c>), of the pod spec only
/// the service account name and the claims of volumes (<see cref="RenderedChildren.EnqueueServicesForSharedChild"/>),
/// and the whole status (the service's status and events). Containers, probes, env and the rest are dropped.</item>
/// <item>HorizontalPodAutoscalers, PodDisruptionBudgets, Services, ServiceAccounts, PersistentVolumeClaims and
/// Ingresses: metadata only. Nothing reads their spec or status (their Apply entry tells the applier what it owns).</item>
/// <item>Everything else whole: ControllerRevisions (their data is the registered task definition that workloads
/// render), Jobs and Pods (task status and events read their specs and statuses), CronJobs (their last schedule
/// time), ConfigMaps (delivery records) and the integrations' kinds.</item>
/// </list>
/// A reader that needs more of a kind must widen its trim here (the tests of this class list what each reader gets).
/// </summary>
public static class CachedChildren
{
    /// <summary>Trims <paramref name="child"/> in place to what the reconcilers read of its kind.</summary>
    public static void Trim(IKubernetesObject<V1ObjectMeta> child)
    {
        switch (child)
        {
            case V1Deployment deployment when deployment.Spec is { } spec:
                deployment.Spec = new V1DeploymentSpec { Replicas = spec.Replicas, Selector = spec.Selector, Template = Trimmed(spec.Template) };
                break;
            case V1DaemonSet daemonSet when daemonSet.Spec is { } spec:
                daemonSet.Spec = new V1DaemonSetSpec { Selector = spec.Selector, Template = Trimmed(spec.Template) };
                break;
            case V2HorizontalPodAutoscaler hpa:
                hpa.Spec = null;
                hpa.Status = null;
                break;
            case V1PodDisruptionBudget pdb:
                pdb.Spec = null;
                pdb.Status = null;
                break;
            case V1Service service:
                service.Spec = null;
                service.Status = null;
                break;
            case V1ServiceAccount account:
                account.Secrets = null;
                account.ImagePullSecrets = null;
                account.AutomountServiceAccountToken = null;
                break;
            case V1PersistentVolumeClaim claim:
                claim.Spec = null;
                claim.Status = null;
                break;
            case V1Ingress ingress:
                ingress.Spec = null;
                ingress.Status = null;
                break;
        }
    }

    private static V1PodTemplateSpec? Trimmed(V1PodTemplateSpec? template)
    {
        if (template is null)
        {
            return null;
        }

        var annotations = template.Metadata?.Annotations;
        var pod = template.Spec;
        var claims = pod?.Volumes?.Where(v => v?.PersistentVolumeClaim is not null)
            .Select(v => new V1Volume { Name = v.Name, PersistentVolumeClaim = v.PersistentVolumeClaim })
            .ToList();
        return new V1PodTemplateSpec
        {
            Metadata = annotations is null ? null : new V1ObjectMeta { Annotations = annotations },
            Spec = pod is null ? null : new V1PodSpec
            {
                ServiceAccountName = pod.ServiceAccountName,
                Volumes = claims is { Count: > 0 } ? claims : null,
            },
        };
    }
}
