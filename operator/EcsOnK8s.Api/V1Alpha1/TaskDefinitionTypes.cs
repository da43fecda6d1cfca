using System.Text.Json.Serialization;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Serialization;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// An ECS task definition family: the RegisterTaskDefinition request (or the taskDefinition object of
/// describe-task-definition) in ECS's own field names.
/// </summary>
public sealed class EcsTaskDefinitionSpec
{
    /// <summary>The family name. Defaults to the resource name.</summary>
    public string? Family { get; set; }

    /// <summary>IAM role for the task's containers; becomes a ServiceAccount annotated for EKS IRSA.</summary>
    public string? TaskRoleArn { get; set; }

    /// <summary>IAM role ECS uses to pull images and read secrets; selects the cluster's imagePullSecrets.</summary>
    public string? ExecutionRoleArn { get; set; }

    /// <summary>Docker networking mode: awsvpc and bridge use the pod network, host uses hostNetwork.</summary>
    [EnumValues("awsvpc", "bridge", "host", "none")]
    public string? NetworkMode { get; set; }

    /// <summary>The containers of the task.</summary>
    [SchemaRequired]
    public List<ContainerDefinition>? ContainerDefinitions { get; set; }

    /// <summary>Volumes that containers mount through mountPoints.</summary>
    public List<Volume>? Volumes { get; set; }

    /// <summary>memberOf constraints in the ECS cluster query language; become node affinity.</summary>
    public List<TaskDefinitionPlacementConstraint>? PlacementConstraints { get; set; }

    /// <summary>Launch types the task definition is validated against (EC2, FARGATE, EXTERNAL).</summary>
    public List<string>? RequiresCompatibilities { get; set; }

    /// <summary>Task CPU: units ("1024") or vCPU ("1 vCPU"). A hard cap on Fargate.</summary>
    [JsonConverter(typeof(IntOrStringTextConverter))]
    public string? Cpu { get; set; }

    /// <summary>Task memory: MiB ("2048") or GB ("2 GB").</summary>
    [JsonConverter(typeof(IntOrStringTextConverter))]
    public string? Memory { get; set; }

    /// <summary>Tags; become sanitised labels.</summary>
    public List<Tag>? Tags { get; set; }

    /// <summary>host shares the node's PID namespace; task shares one namespace between the containers.</summary>
    [EnumValues("host", "task")]
    public string? PidMode { get; set; }

    /// <summary>host shares the node's IPC namespace; task and none keep the pod's own.</summary>
    [EnumValues("host", "task", "none")]
    public string? IpcMode { get; set; }

    /// <summary>App Mesh proxy configuration. Accepted and reported; not rendered.</summary>
    public ProxyConfiguration? ProxyConfiguration { get; set; }

    /// <summary>Elastic Inference accelerators (retired by AWS): rejected.</summary>
    public List<InferenceAccelerator>? InferenceAccelerators { get; set; }

    /// <summary>Task ephemeral storage; becomes ephemeral-storage requests and limits.</summary>
    public EphemeralStorage? EphemeralStorage { get; set; }

    /// <summary>CPU architecture and OS family; become kubernetes.io/arch and kubernetes.io/os.</summary>
    public RuntimePlatform? RuntimePlatform { get; set; }

    /// <summary>ECS fault injection switch. Accepted and ignored.</summary>
    public bool? EnableFaultInjection { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public string? TaskDefinitionArn { get; set; }

    /// <summary>Read-only field of describe-task-definition output; the operator numbers revisions itself.</summary>
    public int? Revision { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public string? Status { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public List<TaskDefinitionAttribute>? RequiresAttributes { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public List<string>? Compatibilities { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    [JsonConverter(typeof(TimestampTextConverter))]
    public string? RegisteredAt { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public string? RegisteredBy { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    [JsonConverter(typeof(TimestampTextConverter))]
    public string? DeregisteredAt { get; set; }

    /// <summary>
    /// EcsOnK8s extension: revisions of this family marked INACTIVE (deregistered). Services already running them
    /// keep running; new resolutions of the family skip them. Not part of the revision content.
    /// </summary>
    public List<int>? InactiveRevisions { get; set; }
}

/// <summary>One container of a task definition.</summary>
public sealed class ContainerDefinition
{
    /// <summary>Container name; sanitised to a DNS-1123 label where Kubernetes requires it.</summary>
    [SchemaRequired]
    public string? Name { get; set; }

    /// <summary>Container image.</summary>
    public string? Image { get; set; }

    /// <summary>Private registry credentials (a Secrets Manager ARN); become imagePullSecrets.</summary>
    public RepositoryCredentials? RepositoryCredentials { get; set; }

    /// <summary>CPU units (1024 = 1 vCPU), a relative share: requests.cpu = units × 1000 / 1024 millicores.</summary>
    [SchemaRange(0, 10240 * 16)]
    public int? Cpu { get; set; }

    /// <summary>Hard memory limit in MiB: limits.memory.</summary>
    [SchemaRange(4, int.MaxValue)]
    public int? Memory { get; set; }

    /// <summary>Soft memory reservation in MiB: requests.memory.</summary>
    [SchemaRange(4, int.MaxValue)]
    public int? MemoryReservation { get; set; }

    /// <summary>Legacy bridge-mode links; containers of a pod reach each other on localhost.</summary>
    public List<string>? Links { get; set; }

    /// <summary>Container ports; named ports feed Services.</summary>
    public List<PortMapping>? PortMappings { get; set; }

    /// <summary>When true (the default) the task stops if this container stops.</summary>
    public bool? Essential { get; set; }

    /// <summary>Per-container restart policy.</summary>
    public ContainerRestartPolicy? RestartPolicy { get; set; }

    /// <summary>Entry point: the container's command, never split on spaces.</summary>
    public List<string>? EntryPoint { get; set; }

    /// <summary>Command: the container's args, never split on spaces.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Environment variables.</summary>
    public List<NameValuePair>? Environment { get; set; }

    /// <summary>S3 environment files; need AWS credentials, reported.</summary>
    public List<EnvironmentFile>? EnvironmentFiles { get; set; }

    /// <summary>Volume mounts.</summary>
    public List<MountPoint>? MountPoints { get; set; }

    /// <summary>Mounts copied from another container, expanded into its mount points.</summary>
    public List<VolumeFrom>? VolumesFrom { get; set; }

    /// <summary>Linux-specific options.</summary>
    public LinuxParameters? LinuxParameters { get; set; }

    /// <summary>Secrets by reference (Secrets Manager or SSM); never read by EcsOnK8s.</summary>
    public List<Secret>? Secrets { get; set; }

    /// <summary>Start ordering between containers.</summary>
    public List<ContainerDependency>? DependsOn { get; set; }

    /// <summary>Seconds to wait for dependencies to reach their condition.</summary>
    [SchemaRange(0, 600)]
    public int? StartTimeout { get; set; }

    /// <summary>Seconds between SIGTERM and SIGKILL; the pod's terminationGracePeriodSeconds takes the maximum.</summary>
    [SchemaRange(0, 3600)]
    public int? StopTimeout { get; set; }

    /// <summary>Image digest pinning (enabled or disabled).</summary>
    [EnumValues("enabled", "disabled")]
    public string? VersionConsistency { get; set; }

    /// <summary>Hostname of the container; pod level in Kubernetes.</summary>
    public string? Hostname { get; set; }

    /// <summary>User: numeric uid or uid:gid become runAsUser/runAsGroup.</summary>
    public string? User { get; set; }

    /// <summary>Working directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Networking disabled; no Kubernetes equivalent.</summary>
    public bool? DisableNetworking { get; set; }

    /// <summary>Privileged mode; refused unless the cluster policy allows it.</summary>
    public bool? Privileged { get; set; }

    /// <summary>Read-only root filesystem.</summary>
    public bool? ReadonlyRootFilesystem { get; set; }

    /// <summary>DNS servers; pod-level dnsConfig.</summary>
    public List<string>? DnsServers { get; set; }

    /// <summary>DNS search domains; pod-level dnsConfig.</summary>
    public List<string>? DnsSearchDomains { get; set; }

    /// <summary>/etc/hosts entries; pod-level hostAliases.</summary>
    public List<HostEntry>? ExtraHosts { get; set; }

    /// <summary>SELinux/AppArmor options for Docker.</summary>
    public List<string>? DockerSecurityOptions { get; set; }

    /// <summary>Keep stdin open: stdin.</summary>
    public bool? Interactive { get; set; }

    /// <summary>Allocate a TTY: tty.</summary>
    public bool? PseudoTerminal { get; set; }

    /// <summary>Docker labels; pod annotations.</summary>
    public Dictionary<string, string>? DockerLabels { get; set; }

    /// <summary>ulimits; not supported by Kubernetes.</summary>
    public List<Ulimit>? Ulimits { get; set; }

    /// <summary>Log driver configuration; recorded as annotations.</summary>
    public LogConfiguration? LogConfiguration { get; set; }

    /// <summary>Docker health check: exec probes.</summary>
    public HealthCheck? HealthCheck { get; set; }

    /// <summary>Namespaced kernel parameters: pod sysctls.</summary>
    public List<SystemControl>? SystemControls { get; set; }

    /// <summary>GPU and accelerator requirements.</summary>
    public List<ResourceRequirement>? ResourceRequirements { get; set; }

    /// <summary>FireLens log router configuration.</summary>
    public FirelensConfiguration? FirelensConfiguration { get; set; }

    /// <summary>Windows gMSA credential specs.</summary>
    public List<string>? CredentialSpecs { get; set; }
}

public sealed class RepositoryCredentials
{
    public string? CredentialsParameter { get; set; }
}

public sealed class PortMapping
{
    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }

    [SchemaRange(0, 65535)]
    public int? HostPort { get; set; }

    [EnumValues("tcp", "udp")]
    public string? Protocol { get; set; }

    public string? Name { get; set; }

    [EnumValues("http", "http2", "grpc")]
    public string? AppProtocol { get; set; }

    /// <summary>A port range such as "8000-8010"; no Kubernetes equivalent.</summary>
    public string? ContainerPortRange { get; set; }
}

public sealed class ContainerRestartPolicy
{
    public bool? Enabled { get; set; }

    public List<int>? IgnoredExitCodes { get; set; }

    [SchemaRange(60, 1800)]
    public int? RestartAttemptPeriod { get; set; }
}

/// <summary>A name/value pair, as ECS writes environment variables and properties.</summary>
public sealed class NameValuePair
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}

public sealed class EnvironmentFile
{
    public string? Value { get; set; }

    [EnumValues("s3")]
    public string? Type { get; set; }
}

public sealed class MountPoint
{
    public string? SourceVolume { get; set; }

    public string? ContainerPath { get; set; }

    public bool? ReadOnly { get; set; }
}

public sealed class VolumeFrom
{
    public string? SourceContainer { get; set; }

    public bool? ReadOnly { get; set; }
}

public sealed class LinuxParameters
{
    public KernelCapabilities? Capabilities { get; set; }

    public List<Device>? Devices { get; set; }

    public bool? InitProcessEnabled { get; set; }

    /// <summary>Size of /dev/shm in MiB.</summary>
    public int? SharedMemorySize { get; set; }

    public List<Tmpfs>? Tmpfs { get; set; }

    public int? MaxSwap { get; set; }

    [SchemaRange(0, 100)]
    public int? Swappiness { get; set; }
}

public sealed class KernelCapabilities
{
    public List<string>? Add { get; set; }

    public List<string>? Drop { get; set; }
}

public sealed class Device
{
    public string? HostPath { get; set; }

    public string? ContainerPath { get; set; }

    public List<string>? Permissions { get; set; }
}

public sealed class Tmpfs
{
    public string? ContainerPath { get; set; }

    /// <summary>Size in MiB.</summary>
    public int? Size { get; set; }

    public List<string>? MountOptions { get; set; }
}

public sealed class Secret
{
    public string? Name { get; set; }

    /// <summary>Secrets Manager ARN (optionally :json-key:version-stage:version-id), SSM parameter ARN or name.</summary>
    public string? ValueFrom { get; set; }
}

public sealed class ContainerDependency
{
    public string? ContainerName { get; set; }

    [EnumValues("START", "COMPLETE", "SUCCESS", "HEALTHY")]
    public string? Condition { get; set; }
}

public sealed class HostEntry
{
    public string? Hostname { get; set; }

    public string? IpAddress { get; set; }
}

public sealed class Ulimit
{
    public string? Name { get; set; }

    public int? SoftLimit { get; set; }

    public int? HardLimit { get; set; }
}

public sealed class LogConfiguration
{
    public string? LogDriver { get; set; }

    public Dictionary<string, string>? Options { get; set; }

    public List<Secret>? SecretOptions { get; set; }
}

public sealed class HealthCheck
{
    /// <summary>["CMD", exe, args...] or ["CMD-SHELL", "command line"].</summary>
    public List<string>? Command { get; set; }

    [SchemaRange(5, 300)]
    public int? Interval { get; set; }

    [SchemaRange(2, 120)]
    public int? Timeout { get; set; }

    [SchemaRange(1, 10)]
    public int? Retries { get; set; }

    [SchemaRange(0, 300)]
    public int? StartPeriod { get; set; }
}

public sealed class SystemControl
{
    public string? Namespace { get; set; }

    public string? Value { get; set; }
}

public sealed class ResourceRequirement
{
    public string? Value { get; set; }

    [EnumValues("GPU", "InferenceAccelerator")]
    public string? Type { get; set; }
}

public sealed class FirelensConfiguration
{
    [EnumValues("fluentd", "fluentbit")]
    public string? Type { get; set; }

    public Dictionary<string, string>? Options { get; set; }
}

public sealed class Volume
{
    public string? Name { get; set; }

    /// <summary>Bind mount; without sourcePath a task-scoped scratch volume (emptyDir).</summary>
    public HostVolumeProperties? Host { get; set; }

    public DockerVolumeConfiguration? DockerVolumeConfiguration { get; set; }

    public EfsVolumeConfiguration? EfsVolumeConfiguration { get; set; }

    public FsxWindowsFileServerVolumeConfiguration? FsxWindowsFileServerVolumeConfiguration { get; set; }

    /// <summary>The volume is configured by the service (volumeConfigurations) at launch.</summary>
    public bool? ConfiguredAtLaunch { get; set; }
}

public sealed class HostVolumeProperties
{
    public string? SourcePath { get; set; }
}

public sealed class DockerVolumeConfiguration
{
    [EnumValues("task", "shared")]
    public string? Scope { get; set; }

    public bool? Autoprovision { get; set; }

    public string? Driver { get; set; }

    public Dictionary<string, string>? DriverOpts { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}

public sealed class EfsVolumeConfiguration
{
    public string? FileSystemId { get; set; }

    public string? RootDirectory { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? TransitEncryption { get; set; }

    [SchemaRange(0, 65535)]
    public int? TransitEncryptionPort { get; set; }

    public EfsAuthorizationConfig? AuthorizationConfig { get; set; }
}

public sealed class EfsAuthorizationConfig
{
    public string? AccessPointId { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? Iam { get; set; }
}

public sealed class FsxWindowsFileServerVolumeConfiguration
{
    public string? FileSystemId { get; set; }

    public string? RootDirectory { get; set; }

    public FsxWindowsFileServerAuthorizationConfig? AuthorizationConfig { get; set; }
}

public sealed class FsxWindowsFileServerAuthorizationConfig
{
    public string? CredentialsParameter { get; set; }

    public string? Domain { get; set; }
}

public sealed class TaskDefinitionPlacementConstraint
{
    [EnumValues("memberOf")]
    public string? Type { get; set; }

    public string? Expression { get; set; }
}

public sealed class Tag
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

public sealed class ProxyConfiguration
{
    [EnumValues("APPMESH")]
    public string? Type { get; set; }

    public string? ContainerName { get; set; }

    public List<NameValuePair>? Properties { get; set; }
}

public sealed class InferenceAccelerator
{
    public string? DeviceName { get; set; }

    public string? DeviceType { get; set; }
}

public sealed class EphemeralStorage
{
    [SchemaRange(21, 200)]
    public int? SizeInGiB { get; set; }
}

public sealed class RuntimePlatform
{
    [EnumValues("X86_64", "ARM64")]
    public string? CpuArchitecture { get; set; }

    [EnumValues("LINUX", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2016_FULL",
        "WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL",
        "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_20H2_CORE")]
    public string? OperatingSystemFamily { get; set; }
}

public sealed class TaskDefinitionAttribute
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }
}
