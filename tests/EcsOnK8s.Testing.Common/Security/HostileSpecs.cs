using EcsOnK8s.Api.V1Alpha1;
using k8s.Models;

namespace EcsOnK8s.Testing.Common.Security;

/// <summary>
/// The table of hostile specs (each under the default, deny-all policy), shared by the pure translation test and the
/// integration test on a real API server.
/// </summary>
public static class HostileSpecs
{
    public const string Namespace = "tenant-a";

    private const string C0 = "taskDefinition.containerDefinitions[0]";

    public static IReadOnlyList<HostileSpec> All { get; } =
    [
        Container("privileged", C0 + ".privileged", c => c.Privileged = true),
        Container("capability-sys-admin", C0 + ".linuxParameters.capabilities.add", c => Add(c, "SYS_ADMIN")),
        Container("capability-all", C0 + ".linuxParameters.capabilities.add", c => Add(c, "ALL")),
        Container("capability-net-admin-prefixed", C0 + ".linuxParameters.capabilities.add", c => Add(c, "CAP_NET_ADMIN")),
        Container("capability-sys-ptrace-lowercase", C0 + ".linuxParameters.capabilities.add", c => Add(c, "sys_ptrace")),
        Container("capability-sys-module", C0 + ".linuxParameters.capabilities.add", c => Add(c, "SYS_MODULE")),
        Task("host-network", "taskDefinition.networkMode", t => t.NetworkMode = "host"),
        Task("host-pid", "taskDefinition.pidMode", t => t.PidMode = "host"),
        Task("host-ipc", "taskDefinition.ipcMode", t => t.IpcMode = "host"),
        HostPath("host-path-root", "/"),
        HostPath("host-path-docker-socket", "/var/run/docker.sock"),
        HostPath("host-path-containerd-socket", "/run/containerd/containerd.sock"),
        HostPath("host-path-etc", "/etc"),
        HostPath("host-path-kubelet", "/var/lib/kubelet"),
        Container("device-kvm", C0 + ".linuxParameters.devices[0]", c => (c.LinuxParameters ??= new()).Devices = [new Device { HostPath = "/dev/kvm" }]),
        Container("device-disk", C0 + ".linuxParameters.devices[0]", c => (c.LinuxParameters ??= new()).Devices = [new Device { HostPath = "/dev/sda", ContainerPath = "/dev/xvda", Permissions = ["read", "write", "mknod"] }]),
        Container("sysctl-core-pattern", C0 + ".systemControls[0]", c => c.SystemControls = [new SystemControl { Namespace = "kernel.core_pattern", Value = "|/tmp/x" }]),
        Container("sysctl-ip-forward", C0 + ".systemControls[0]", c => c.SystemControls = [new SystemControl { Namespace = "net.ipv4.ip_forward", Value = "1" }]),
        Container("sysctl-slashed", C0 + ".systemControls[0]", c => c.SystemControls = [new SystemControl { Namespace = "kernel/msgmax", Value = "65536" }]),
        Container("seccomp-unconfined", C0 + ".dockerSecurityOptions[0]", c => c.DockerSecurityOptions = ["seccomp:unconfined"]),
        Container("apparmor-unconfined", C0 + ".dockerSecurityOptions[0]", c => c.DockerSecurityOptions = ["apparmor:unconfined"]),
        Container("selinux-spc", C0 + ".dockerSecurityOptions[0]", c => c.DockerSecurityOptions = ["label:type:spc_t"]),
        Container("selinux-disable", C0 + ".dockerSecurityOptions[0]", c => c.DockerSecurityOptions = ["label:disable"]),
        Container("systempaths-unconfined", C0 + ".dockerSecurityOptions[0]", c => c.DockerSecurityOptions = ["systempaths=unconfined"]),
        Container("host-port", C0 + ".portMappings[0].hostPort", c => c.PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 8080 }], bridge: true),
        Container("host-port-low", C0 + ".portMappings[0].hostPort", c => c.PortMappings = [new PortMapping { ContainerPort = 22, HostPort = 22 }], bridge: true),
        Task("task-role-default-service-account", "taskDefinition.taskRoleArn", t => t.TaskRoleArn = "arn:aws:iam::123456789012:role/default"),
        Container("capability-via-sidecar", "taskDefinition.containerDefinitions[1].linuxParameters.capabilities.add", c => c.Name = "app", sidecar: s => Add(s, "NET_RAW")),
        Container("privileged-sidecar", "taskDefinition.containerDefinitions[1].privileged", c => c.Name = "app", sidecar: s => s.Privileged = true),

        // Contained by construction rather than refused: valid ECS input whose rendering cannot reach past the
        // tenant's namespace or another workload (the contained oracle checks it).
        Container("container-name-past-dns-label", C0 + ".name", c => c.Name = new string('a', 64)) with { Contained = true },
        Container("container-name-uppercase", C0 + ".name", c => c.Name = "App_Server") with { Contained = true },
        Service("service-name-past-dns-label", "metadata.name", s => s.Metadata.Name = new string('s', 64)) with { Contained = true },
        Container("secret-other-namespace", C0 + ".secrets[0]", c => c.Secrets = [new Secret { Name = "TOKEN", ValueFrom = "kube-system/bootstrap-token" }]) with { Contained = true },
        Container("docker-label-selector-capture", C0 + ".dockerLabels", c => c.DockerLabels = new() { ["ecsonk8s.io/service"] = "payments" }) with { Contained = true },
    ];

    /// <summary>A policy allowing everything the ECS fields can ask for (to show the bound refuses them).</summary>
    public static ClusterPolicy AllowEverything() => new()
    {
        AllowPrivileged = true,
        AllowHostNetwork = true,
        AllowHostPID = true,
        AllowHostIPC = true,
        AllowHostPath = true,
        AllowHostPorts = true,
        AllowUnconfined = true,
        AllowedCapabilities = ["ALL"],
        AllowedUnsafeSysctls = ["*"],
    };

    public static EcsTaskDefinitionSpec BaseTaskDefinition() => new()
    {
        Family = "web",
        Cpu = "256",
        Memory = "512",
        NetworkMode = "awsvpc",
        ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx:1.25", Essential = true }],
    };

    public static EcsService BaseService() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = Namespace },
        Spec = new EcsServiceSpec { TaskDefinition = "web", DesiredCount = 1 },
    };

    private static HostileSpec Container(string name, string field, Action<ContainerDefinition> mutate, bool bridge = false, Action<ContainerDefinition>? sidecar = null) =>
        Task(name, field, t =>
        {
            if (bridge)
            {
                t.NetworkMode = "bridge";
            }

            mutate(t.ContainerDefinitions![0]);
            if (sidecar is not null)
            {
                var second = new ContainerDefinition { Name = "sidecar", Image = "busybox:1.36", Essential = false };
                sidecar(second);
                t.ContainerDefinitions.Add(second);
            }
        });

    private static HostileSpec HostPath(string name, string path) => Task(name, "taskDefinition.volumes[0].host.sourcePath", t =>
    {
        t.Volumes = [new Volume { Name = "host", Host = new HostVolumeProperties { SourcePath = path } }];
        t.ContainerDefinitions![0].MountPoints = [new MountPoint { SourceVolume = "host", ContainerPath = "/host" }];
    });

    private static HostileSpec Task(string name, string field, Action<EcsTaskDefinitionSpec> mutate) => new(
        name,
        field,
        () =>
        {
            var spec = BaseTaskDefinition();
            mutate(spec);
            return spec;
        },
        BaseService);

    private static HostileSpec Service(string name, string field, Action<EcsService> mutate) => new(
        name,
        field,
        BaseTaskDefinition,
        () =>
        {
            var service = BaseService();
            mutate(service);
            return service;
        });

    private static void Add(ContainerDefinition c, string capability) =>
        (c.LinuxParameters ??= new LinuxParameters()).Capabilities = new KernelCapabilities { Add = [capability] };
}
