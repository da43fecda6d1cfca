namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>What the cluster's tasks may do. Everything is denied by default.</summary>
public sealed class ClusterPolicy
{
    /// <summary>Whether task definitions may run privileged containers in this cluster (default false: refused).</summary>
    public bool? AllowPrivileged { get; set; }

    /// <summary>Whether tasks may use networkMode host in this cluster (default false: refused).</summary>
    public bool? AllowHostNetwork { get; set; }

    /// <summary>Whether tasks may use pidMode host in this cluster (default false: refused).</summary>
    public bool? AllowHostPID { get; set; }

    /// <summary>Whether tasks may use ipcMode host in this cluster (default false: refused).</summary>
    public bool? AllowHostIPC { get; set; }

    /// <summary>Whether task volumes may mount a host path in this cluster (default false: refused).</summary>
    public bool? AllowHostPath { get; set; }

    /// <summary>
    /// Port mappings with a hostPort in bridge network mode, which bind a port on the node. Host network mode needs
    /// allowHostNetwork instead.
    /// </summary>
    public bool? AllowHostPorts { get; set; }

    /// <summary>
    /// dockerSecurityOptions that lift confinement: apparmor:unconfined, seccomp:unconfined,
    /// systempaths=unconfined, label:disable, and SELinux labels that set a user or role or a type other than
    /// container_t, container_init_t or container_kvm_t (such as spc_t).
    /// </summary>
    public bool? AllowUnconfined { get; set; }

    /// <summary>Linux capabilities tasks may add.</summary>
    public List<string>? AllowedCapabilities { get; set; }

    /// <summary>
    /// systemControls tasks may set beyond those Kubernetes deems safe for the target version (kernel.shm_rmid_forced,
    /// net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range; from 1.22
    /// net.ipv4.ip_unprivileged_port_start; from 1.27 net.ipv4.ip_local_reserved_ports; from 1.29
    /// net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl and tcp_keepalive_probes; from 1.32
    /// net.ipv4.tcp_rmem and tcp_wmem). Names, or prefixes ending in '*' (net.core.*), as the kubelet's
    /// --allowed-unsafe-sysctls takes them; the kubelet must allow them too, and never allows sysctls that are not
    /// namespaced (kernel.core_pattern).
    /// </summary>
    public List<string>? AllowedUnsafeSysctls { get; set; }
}
