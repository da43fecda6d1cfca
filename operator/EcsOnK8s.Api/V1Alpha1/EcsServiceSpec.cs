using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An ECS service: the CreateService request plus its Application Auto Scaling target and policies.</summary>
public sealed class EcsServiceSpec
{
    /// <summary>The EcsCluster (in the same namespace) the service runs in. Defaults to "default".</summary>
    public string? Cluster { get; set; }

    /// <summary>Service name. Defaults to the resource name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>family (latest ACTIVE revision), family:revision, or an ARN ending in family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>ENABLED or DISABLED; approximated by topology spread.</summary>
    [EnumValues("ENABLED", "DISABLED")]
    public string? AvailabilityZoneRebalancing { get; set; }

    /// <summary>Load balancer targets; become ClusterIP Services with named ports.</summary>
    public List<LoadBalancer>? LoadBalancers { get; set; }

    /// <summary>Cloud Map registries; become ClusterIP Services.</summary>
    public List<ServiceRegistry>? ServiceRegistries { get; set; }

    /// <summary>Number of tasks to keep running; the scale subresource's replicas.</summary>
    [SchemaRange(0, 100000)]
    public int? DesiredCount { get; set; }

    /// <summary>Idempotency token of CreateService; ignored.</summary>
    public string? ClientToken { get; set; }

    /// <summary>Picks the capacity provider of this name.</summary>
    [EnumValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
    public string? LaunchType { get; set; }

    /// <summary>Split of tasks over capacity providers: bases first, then by weight.</summary>
    public List<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; set; }

    /// <summary>Fargate platform version; ignored.</summary>
    public string? PlatformVersion { get; set; }

    /// <summary>Service-linked role; ignored.</summary>
    public string? Role { get; set; }

    /// <summary>Rolling update bounds, circuit breaker and alarms.</summary>
    public DeploymentConfiguration? DeploymentConfiguration { get; set; }

    /// <summary>distinctInstance or memberOf constraints.</summary>
    public List<PlacementConstraint>? PlacementConstraints { get; set; }

    /// <summary>random, spread or binpack strategies.</summary>
    public List<PlacementStrategy>? PlacementStrategy { get; set; }

    /// <summary>awsvpc subnets and security groups; ignored off AWS.</summary>
    public NetworkConfiguration? NetworkConfiguration { get; set; }

    /// <summary>Seconds during which failing health checks do not count.</summary>
    [SchemaRange(0, 2147483647)]
    public int? HealthCheckGracePeriodSeconds { get; set; }

    /// <summary>REPLICA (Deployment) or DAEMON (DaemonSet).</summary>
    [EnumValues("REPLICA", "DAEMON")]
    [SchemaDefault("REPLICA")]
    public string? SchedulingStrategy { get; set; }

    /// <summary>ECS, CODE_DEPLOY or EXTERNAL; only ECS is implemented.</summary>
    public DeploymentController? DeploymentController { get; set; }

    /// <summary>Service tags; become sanitised labels.</summary>
    public List<Tag>? Tags { get; set; }

    /// <summary>ECS managed tags (cluster and service name); the operator always labels what it renders.</summary>
    public bool? EnableECSManagedTags { get; set; }

    /// <summary>Copy tags from the task definition or the service to the tasks (pods).</summary>
    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    [SchemaDefault("NONE")]
    public string? PropagateTags { get; set; }

    /// <summary>ECS Exec; in Kubernetes, pods/exec is governed by RBAC.</summary>
    public bool? EnableExecuteCommand { get; set; }

    /// <summary>Service Connect; services become ClusterIP Services named after their discovery names.</summary>
    public ServiceConnectConfiguration? ServiceConnectConfiguration { get; set; }

    /// <summary>Volumes configured at launch (managed EBS); become per-task PVCs.</summary>
    public List<ServiceVolumeConfiguration>? VolumeConfigurations { get; set; }

    /// <summary>VPC Lattice targets; ignored off AWS.</summary>
    public List<VpcLatticeConfiguration>? VpcLatticeConfigurations { get; set; }

    /// <summary>High-resolution CloudWatch metrics; ignored off AWS.</summary>
    public MonitoringConfiguration? Monitoring { get; set; }

    /// <summary>Application Auto Scaling for this service: rendered as an HPA that scales the EcsService.</summary>
    public ServiceAutoScaling? AutoScaling { get; set; }
}
