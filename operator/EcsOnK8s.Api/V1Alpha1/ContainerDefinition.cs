using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

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
