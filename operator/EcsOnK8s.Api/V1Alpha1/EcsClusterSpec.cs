using EcsOnK8s.Api.Schema;

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

    /// <summary>Storage for EFS and shared docker volumes: storage class, static EFS binding, retention of the data.</summary>
    public ClusterStorage? Storage { get; set; }

    /// <summary>Where secrets[].valueFrom references resolve: Kubernetes Secrets you create, or External Secrets.</summary>
    public ClusterSecrets? Secrets { get; set; }

    /// <summary>
    /// EcsOnK8s: what receives outside traffic for loadBalancers[].targetGroupArn where the AWS Load Balancer
    /// Controller is not installed: a Gateway (HTTPRoutes), else an IngressClass (Ingresses).
    /// </summary>
    public ClusterIngress? Ingress { get; set; }

    /// <summary>Pull secrets added to every task that has an executionRoleArn or repositoryCredentials.</summary>
    public List<string>? ImagePullSecrets { get; set; }

    /// <summary>Extended resource name that GPU requirements map to. Defaults to nvidia.com/gpu.</summary>
    public string? GpuResourceName { get; set; }

    /// <summary>
    /// EcsOnK8s: seconds a rollout with the deployment circuit breaker on may make no progress (new tasks not
    /// becoming ready) before it is marked FAILED. Default 600.
    /// </summary>
    [SchemaRange(10, 86400)]
    public int? DeploymentProgressDeadlineSeconds { get; set; }

    /// <summary>What the tasks of this cluster may do (privileged, host namespaces, hostPath, capabilities); all denied by default.</summary>
    public ClusterPolicy? Policy { get; set; }

    /// <summary>
    /// EcsOnK8s: the Pod Security Standards level of the pods the cluster's services, tasks and scheduled tasks run:
    /// baseline (default) or restricted (non-root, no privilege escalation, all capabilities dropped, seccomp
    /// RuntimeDefault, restricted volume types; what a task definition sets against it is refused, what it leaves
    /// unset is filled in). The namespace's pod-security.kubernetes.io/enforce label and an EcsClusterPolicy's
    /// podSecurity raise it to restricted, whatever this says.
    /// </summary>
    [EnumValues(PodSecurityLevels.Baseline, PodSecurityLevels.Restricted)]
    public string? PodSecurity { get; set; }

    /// <summary>ECS cluster tags; recorded as labels on what the cluster renders.</summary>
    public List<Tag>? Tags { get; set; }
}
