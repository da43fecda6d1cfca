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
    [EnumValues("EC2", "FARGATE", "EXTERNAL")]
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
    public string? SchedulingStrategy { get; set; }

    /// <summary>ECS, CODE_DEPLOY or EXTERNAL; only ECS is implemented.</summary>
    public DeploymentController? DeploymentController { get; set; }

    public List<Tag>? Tags { get; set; }

    public bool? EnableECSManagedTags { get; set; }

    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }

    /// <summary>ECS Exec; in Kubernetes, pods/exec is governed by RBAC.</summary>
    public bool? EnableExecuteCommand { get; set; }

    /// <summary>Service Connect; services become ClusterIP Services named after their discovery names.</summary>
    public ServiceConnectConfiguration? ServiceConnectConfiguration { get; set; }

    /// <summary>Volumes configured at launch (managed EBS); become per-task PVCs.</summary>
    public List<ServiceVolumeConfiguration>? VolumeConfigurations { get; set; }

    /// <summary>VPC Lattice targets; ignored off AWS.</summary>
    public List<VpcLatticeConfiguration>? VpcLatticeConfigurations { get; set; }

    /// <summary>Application Auto Scaling for this service: rendered as an HPA that scales the EcsService.</summary>
    public ServiceAutoScaling? AutoScaling { get; set; }
}

public sealed class LoadBalancer
{
    public string? TargetGroupArn { get; set; }

    public string? LoadBalancerName { get; set; }

    public string? ContainerName { get; set; }

    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }
}

public sealed class ServiceRegistry
{
    public string? RegistryArn { get; set; }

    [SchemaRange(0, 65535)]
    public int? Port { get; set; }

    public string? ContainerName { get; set; }

    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }
}

public sealed class CapacityProviderStrategyItem
{
    public string? CapacityProvider { get; set; }

    [SchemaRange(0, 1000)]
    public int? Weight { get; set; }

    [SchemaRange(0, 100000)]
    public int? Base { get; set; }
}

public sealed class DeploymentConfiguration
{
    public DeploymentCircuitBreaker? DeploymentCircuitBreaker { get; set; }

    [SchemaRange(0, 10000)]
    public int? MaximumPercent { get; set; }

    [SchemaRange(0, 100)]
    public int? MinimumHealthyPercent { get; set; }

    public DeploymentAlarms? Alarms { get; set; }

    [EnumValues("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY")]
    public string? Strategy { get; set; }

    public int? BakeTimeInMinutes { get; set; }

    public List<DeploymentLifecycleHook>? LifecycleHooks { get; set; }

    public LinearConfiguration? LinearConfiguration { get; set; }

    public CanaryConfiguration? CanaryConfiguration { get; set; }
}

public sealed class DeploymentCircuitBreaker
{
    public bool? Enable { get; set; }

    public bool? Rollback { get; set; }
}

public sealed class DeploymentAlarms
{
    public List<string>? AlarmNames { get; set; }

    public bool? Rollback { get; set; }

    public bool? Enable { get; set; }
}

public sealed class DeploymentLifecycleHook
{
    public string? HookTargetArn { get; set; }

    public string? RoleArn { get; set; }

    public List<string>? LifecycleStages { get; set; }
}

public sealed class LinearConfiguration
{
    public double? StepPercent { get; set; }

    public int? StepBakeTimeInMinutes { get; set; }
}

public sealed class CanaryConfiguration
{
    public double? CanaryPercent { get; set; }

    public int? CanaryBakeTimeInMinutes { get; set; }
}

public sealed class PlacementConstraint
{
    [EnumValues("distinctInstance", "memberOf")]
    public string? Type { get; set; }

    public string? Expression { get; set; }
}

public sealed class PlacementStrategy
{
    [EnumValues("random", "spread", "binpack")]
    public string? Type { get; set; }

    public string? Field { get; set; }
}

public sealed class NetworkConfiguration
{
    public AwsVpcConfiguration? AwsvpcConfiguration { get; set; }
}

public sealed class AwsVpcConfiguration
{
    public List<string>? Subnets { get; set; }

    public List<string>? SecurityGroups { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? AssignPublicIp { get; set; }
}

public sealed class DeploymentController
{
    [EnumValues("ECS", "CODE_DEPLOY", "EXTERNAL")]
    public string? Type { get; set; }
}

public sealed class ServiceConnectConfiguration
{
    public bool? Enabled { get; set; }

    public string? Namespace { get; set; }

    public List<ServiceConnectService>? Services { get; set; }

    public LogConfiguration? LogConfiguration { get; set; }
}

public sealed class ServiceConnectService
{
    public string? PortName { get; set; }

    public string? DiscoveryName { get; set; }

    public List<ServiceConnectClientAlias>? ClientAliases { get; set; }

    [SchemaRange(0, 65535)]
    public int? IngressPortOverride { get; set; }

    public TimeoutConfiguration? Timeout { get; set; }

    public ServiceConnectTlsConfiguration? Tls { get; set; }
}

public sealed class ServiceConnectClientAlias
{
    [SchemaRange(0, 65535)]
    public int? Port { get; set; }

    public string? DnsName { get; set; }
}

public sealed class TimeoutConfiguration
{
    public int? IdleTimeoutSeconds { get; set; }

    public int? PerRequestTimeoutSeconds { get; set; }
}

public sealed class ServiceConnectTlsConfiguration
{
    public ServiceConnectTlsCertificateAuthority? IssuerCertificateAuthority { get; set; }

    public string? KmsKey { get; set; }

    public string? RoleArn { get; set; }
}

public sealed class ServiceConnectTlsCertificateAuthority
{
    public string? AwsPcaAuthorityArn { get; set; }
}

public sealed class ServiceVolumeConfiguration
{
    public string? Name { get; set; }

    public ServiceManagedEbsVolumeConfiguration? ManagedEBSVolume { get; set; }
}

public sealed class ServiceManagedEbsVolumeConfiguration
{
    public bool? Encrypted { get; set; }

    public string? KmsKeyId { get; set; }

    public string? VolumeType { get; set; }

    public int? SizeInGiB { get; set; }

    public string? SnapshotId { get; set; }

    public int? VolumeInitializationRate { get; set; }

    public int? Iops { get; set; }

    public int? Throughput { get; set; }

    public List<EbsTagSpecification>? TagSpecifications { get; set; }

    public string? RoleArn { get; set; }

    [EnumValues("ext3", "ext4", "xfs", "ntfs")]
    public string? FilesystemType { get; set; }
}

public sealed class EbsTagSpecification
{
    public string? ResourceType { get; set; }

    public List<Tag>? Tags { get; set; }

    public string? PropagateTags { get; set; }
}

public sealed class VpcLatticeConfiguration
{
    public string? RoleArn { get; set; }

    public string? TargetGroupArn { get; set; }

    public string? PortName { get; set; }
}

/// <summary>Application Auto Scaling's scalable target, policies and scheduled actions, in lowerCamelCase.</summary>
public sealed class ServiceAutoScaling
{
    [SchemaRange(0, 100000)]
    public int? MinCapacity { get; set; }

    [SchemaRange(0, 100000)]
    public int? MaxCapacity { get; set; }

    public SuspendedState? SuspendedState { get; set; }

    public List<TargetTrackingPolicy>? TargetTrackingPolicies { get; set; }

    public List<StepScalingPolicy>? StepScalingPolicies { get; set; }

    public List<ScheduledAction>? ScheduledActions { get; set; }
}

public sealed class SuspendedState
{
    public bool? DynamicScalingInSuspended { get; set; }

    public bool? DynamicScalingOutSuspended { get; set; }

    public bool? ScheduledScalingSuspended { get; set; }
}

public sealed class TargetTrackingPolicy
{
    public string? PolicyName { get; set; }

    public double? TargetValue { get; set; }

    public PredefinedMetricSpecification? PredefinedMetricSpecification { get; set; }

    public CustomizedMetricSpecification? CustomizedMetricSpecification { get; set; }

    public int? ScaleOutCooldown { get; set; }

    public int? ScaleInCooldown { get; set; }

    public bool? DisableScaleIn { get; set; }
}

public sealed class PredefinedMetricSpecification
{
    [EnumValues("ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget")]
    public string? PredefinedMetricType { get; set; }

    public string? ResourceLabel { get; set; }
}

public sealed class CustomizedMetricSpecification
{
    public string? MetricName { get; set; }

    public string? Namespace { get; set; }

    public List<MetricDimension>? Dimensions { get; set; }

    [EnumValues("Average", "Minimum", "Maximum", "SampleCount", "Sum")]
    public string? Statistic { get; set; }

    public string? Unit { get; set; }
}

public sealed class MetricDimension
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}

public sealed class StepScalingPolicy
{
    public string? PolicyName { get; set; }

    [EnumValues("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity")]
    public string? AdjustmentType { get; set; }

    public List<StepAdjustment>? StepAdjustments { get; set; }

    public int? MinAdjustmentMagnitude { get; set; }

    public int? Cooldown { get; set; }

    [EnumValues("Average", "Minimum", "Maximum")]
    public string? MetricAggregationType { get; set; }

    /// <summary>The metric the steps are measured against (the CloudWatch alarm's metric in AWS).</summary>
    public CustomizedMetricSpecification? Metric { get; set; }

    /// <summary>The alarm threshold the step bounds are relative to.</summary>
    public double? Threshold { get; set; }
}

public sealed class StepAdjustment
{
    public double? MetricIntervalLowerBound { get; set; }

    public double? MetricIntervalUpperBound { get; set; }

    public int? ScalingAdjustment { get; set; }
}

public sealed class ScheduledAction
{
    public string? ScheduledActionName { get; set; }

    /// <summary>at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(min hour dom month dow year).</summary>
    public string? Schedule { get; set; }

    public string? Timezone { get; set; }

    public string? StartTime { get; set; }

    public string? EndTime { get; set; }

    public ScalableTargetAction? ScalableTargetAction { get; set; }
}

public sealed class ScalableTargetAction
{
    public int? MinCapacity { get; set; }

    public int? MaxCapacity { get; set; }
}
