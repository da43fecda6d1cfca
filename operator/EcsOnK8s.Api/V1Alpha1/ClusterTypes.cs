using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An ECS cluster: capacity providers, defaults and the policy for everything that names it.</summary>
public sealed class EcsClusterSpec
{
    /// <summary>Capacity providers: each a set of Kubernetes scheduling constraints.</summary>
    public List<CapacityProvider>? CapacityProviders { get; set; }

    /// <summary>Strategy for services that give neither launchType nor capacityProviderStrategy.</summary>
    public List<CapacityProviderStrategyItem>? DefaultCapacityProviderStrategy { get; set; }

    /// <summary>ECS cluster settings (containerInsights); accepted and reported.</summary>
    public List<ClusterSetting>? Settings { get; set; }

    public ClusterStorage? Storage { get; set; }

    public ClusterSecrets? Secrets { get; set; }

    /// <summary>Pull secrets added to every task that has an executionRoleArn or repositoryCredentials.</summary>
    public List<string>? ImagePullSecrets { get; set; }

    /// <summary>Extended resource name that GPU requirements map to. Defaults to nvidia.com/gpu.</summary>
    public string? GpuResourceName { get; set; }

    public ClusterPolicy? Policy { get; set; }

    public ClusterNotifications? Notifications { get; set; }

    public List<Tag>? Tags { get; set; }
}

public sealed class CapacityProvider
{
    /// <summary>FARGATE, FARGATE_SPOT, EC2 or any name that strategies refer to.</summary>
    [SchemaRequired]
    public string? Name { get; set; }

    public Dictionary<string, string>? NodeSelector { get; set; }

    [PreserveUnknownFields]
    public List<V1Toleration>? Tolerations { get; set; }

    [PreserveUnknownFields]
    public V1Affinity? Affinity { get; set; }

    public string? PriorityClassName { get; set; }

    public string? RuntimeClassName { get; set; }
}

public sealed class ClusterSetting
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}

public sealed class ClusterStorage
{
    /// <summary>ReadWriteMany storage class for EFS and shared docker volumes; the default class when empty.</summary>
    public string? StorageClassName { get; set; }

    /// <summary>Size requested for shared volumes (EFS is elastic; Kubernetes needs a number). Default 5Gi.</summary>
    public string? SharedVolumeSize { get; set; }

    /// <summary>Bind EFS volumes statically through the EFS CSI driver (fs-id[:path][::accessPointId]).</summary>
    public bool? EfsCsiStaticBinding { get; set; }

    /// <summary>Retain (default): shared volumes outlive their service. Delete: they go with it.</summary>
    [EnumValues("Retain", "Delete")]
    public string? RetentionPolicy { get; set; }
}

public sealed class ClusterSecrets
{
    /// <summary>KubernetesSecret (default): secretKeyRef to Secrets you create. ExternalSecrets: ExternalSecret objects.</summary>
    [EnumValues("KubernetesSecret", "ExternalSecrets")]
    public string? Provider { get; set; }

    public SecretStoreReference? StoreRef { get; set; }

    /// <summary>ExternalSecret refresh interval, e.g. 1h.</summary>
    public string? RefreshInterval { get; set; }
}

public sealed class SecretStoreReference
{
    public string? Name { get; set; }

    [EnumValues("SecretStore", "ClusterSecretStore")]
    public string? Kind { get; set; }
}

/// <summary>What the cluster's tasks may do. Everything is denied by default.</summary>
public sealed class ClusterPolicy
{
    public bool? AllowPrivileged { get; set; }

    public bool? AllowHostNetwork { get; set; }

    public bool? AllowHostPID { get; set; }

    public bool? AllowHostIPC { get; set; }

    public bool? AllowHostPath { get; set; }

    /// <summary>Linux capabilities tasks may add.</summary>
    public List<string>? AllowedCapabilities { get; set; }
}

public sealed class ClusterNotifications
{
    public List<WebhookTarget>? Webhooks { get; set; }
}

public sealed class WebhookTarget
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    /// <summary>ECS event types to send, e.g. "ECS Task State Change", "ECS Deployment State Change".</summary>
    public List<string>? EventTypes { get; set; }

    /// <summary>Secret key holding the HMAC key that signs each delivery.</summary>
    public SecretKeyReference? HmacSecretRef { get; set; }
}

public sealed class SecretKeyReference
{
    public string? Name { get; set; }

    public string? Key { get; set; }
}
