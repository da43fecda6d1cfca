using System.Diagnostics.CodeAnalysis;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>
/// The resources EcsOnK8s renders or watches, by apiVersion and kind. Kinds missing here are resolved by
/// <see cref="Discovery.ResourceTypeResolver"/> through discovery.
/// </summary>
public static class ResourceTypes
{
    public static readonly ResourceType ConfigMap = new("", "v1", "configmaps", "ConfigMap");
    public static readonly ResourceType Secret = new("", "v1", "secrets", "Secret");
    public static readonly ResourceType Service = new("", "v1", "services", "Service");
    public static readonly ResourceType ServiceAccount = new("", "v1", "serviceaccounts", "ServiceAccount");
    public static readonly ResourceType PersistentVolumeClaim = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim");
    public static readonly ResourceType PersistentVolume = new("", "v1", "persistentvolumes", "PersistentVolume", Namespaced: false);
    public static readonly ResourceType Pod = new("", "v1", "pods", "Pod");
    public static readonly ResourceType Event = new("", "v1", "events", "Event");
    public static readonly ResourceType Namespace = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly ResourceType Node = new("", "v1", "nodes", "Node", Namespaced: false);
    public static readonly ResourceType EventsV1 = new("events.k8s.io", "v1", "events", "Event");
    public static readonly ResourceType Deployment = new("apps", "v1", "deployments", "Deployment");
    public static readonly ResourceType DaemonSet = new("apps", "v1", "daemonsets", "DaemonSet");
    public static readonly ResourceType ReplicaSet = new("apps", "v1", "replicasets", "ReplicaSet");
    public static readonly ResourceType StatefulSet = new("apps", "v1", "statefulsets", "StatefulSet");
    public static readonly ResourceType ControllerRevision = new("apps", "v1", "controllerrevisions", "ControllerRevision");
    public static readonly ResourceType HorizontalPodAutoscalerV2 = new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler");
    public static readonly ResourceType HorizontalPodAutoscalerV2Beta2 = new("autoscaling", "v2beta2", "horizontalpodautoscalers", "HorizontalPodAutoscaler");
    public static readonly ResourceType Job = new("batch", "v1", "jobs", "Job");
    public static readonly ResourceType CronJob = new("batch", "v1", "cronjobs", "CronJob");
    public static readonly ResourceType CronJobV1Beta1 = new("batch", "v1beta1", "cronjobs", "CronJob");
    public static readonly ResourceType PodDisruptionBudget = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget");
    public static readonly ResourceType PodDisruptionBudgetV1Beta1 = new("policy", "v1beta1", "poddisruptionbudgets", "PodDisruptionBudget");
    public static readonly ResourceType Lease = new("coordination.k8s.io", "v1", "leases", "Lease");
    public static readonly ResourceType CustomResourceDefinition = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);
    public static readonly ResourceType ExternalSecretV1Beta1 = new("external-secrets.io", "v1beta1", "externalsecrets", "ExternalSecret");
    public static readonly ResourceType ExternalSecretV1 = new("external-secrets.io", "v1", "externalsecrets", "ExternalSecret");
    public static readonly ResourceType Ingress = new("networking.k8s.io", "v1", "ingresses", "Ingress");
    public static readonly ResourceType TargetGroupBinding = new("elbv2.k8s.aws", "v1beta1", "targetgroupbindings", "TargetGroupBinding");
    public static readonly ResourceType HttpRouteV1 = new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute");
    public static readonly ResourceType HttpRouteV1Beta1 = new("gateway.networking.k8s.io", "v1beta1", "httproutes", "HTTPRoute");
    public static readonly ResourceType ScaledObject = new("keda.sh", "v1alpha1", "scaledobjects", "ScaledObject");
    public static readonly ResourceType TriggerAuthentication = new("keda.sh", "v1alpha1", "triggerauthentications", "TriggerAuthentication");

    private static readonly Dictionary<(string ApiVersion, string Kind), ResourceType> s_byApiVersionKind = new[]
    {
        ConfigMap, Secret, Service, ServiceAccount, PersistentVolumeClaim, PersistentVolume, Pod, Event, Namespace, Node,
        EventsV1, Deployment, DaemonSet, ReplicaSet, StatefulSet, ControllerRevision, HorizontalPodAutoscalerV2,
        HorizontalPodAutoscalerV2Beta2, Job, CronJob, CronJobV1Beta1, PodDisruptionBudget, PodDisruptionBudgetV1Beta1,
        Lease, CustomResourceDefinition, ExternalSecretV1Beta1, ExternalSecretV1, Ingress, TargetGroupBinding, HttpRouteV1,
        HttpRouteV1Beta1, ScaledObject, TriggerAuthentication,
    }.ToDictionary(t => (t.ApiVersion, t.Kind));

    /// <summary>Finds a resource of this table by apiVersion (<c>group/version</c> or <c>v1</c>) and kind.</summary>
    public static bool TryFind(string apiVersion, string kind, [NotNullWhen(true)] out ResourceType? type) =>
        s_byApiVersionKind.TryGetValue((apiVersion, kind), out type);
}
