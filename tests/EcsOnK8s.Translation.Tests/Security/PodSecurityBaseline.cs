using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Tests.Security;

/// <summary>
/// An independent oracle of the Pod Security Standards' baseline profile (kubernetes.io/docs/concepts/security/
/// pod-security-standards, as of 1.30), written from the standard rather than from the translation: each violation,
/// keyed by the EcsCluster policy field that may allow it.
/// </summary>
internal static class PodSecurityBaseline
{
    private static readonly HashSet<string> BaselineCapabilities = new(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID",
        "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    private static readonly HashSet<string> SafeSysctls = new(StringComparer.Ordinal)
    {
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
    };

    private static readonly HashSet<string> SeLinuxTypes = new(StringComparer.Ordinal) { "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t" };

    /// <summary>The pod templates of the workloads in a YAML stream, by "Kind name".</summary>
    public static IEnumerable<(string Workload, V1PodTemplateSpec Template)> Templates(IEnumerable<JsonObject> documents)
    {
        foreach (var document in documents)
        {
            var kind = document["kind"]?.GetValue<string>();
            var template = kind switch
            {
                "Deployment" or "DaemonSet" or "Job" => document["spec"]?["template"],
                "CronJob" => document["spec"]?["jobTemplate"]?["spec"]?["template"],
                _ => null,
            };
            if (template is not null)
            {
                yield return ($"{kind} {document["metadata"]?["name"]}", KubernetesJson.Deserialize<V1PodTemplateSpec>(template.ToJsonString()));
            }
        }
    }

    /// <summary>Each baseline violation as (policy field that may allow it, what).</summary>
    public static IEnumerable<(string PolicyField, string What)> Violations(V1PodTemplateSpec template)
    {
        var pod = template.Spec;
        if (pod.HostNetwork == true)
        {
            yield return ("allowHostNetwork", "hostNetwork");
        }

        if (pod.HostPID == true)
        {
            yield return ("allowHostPID", "hostPID");
        }

        if (pod.HostIPC == true)
        {
            yield return ("allowHostIPC", "hostIPC");
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.HostPath is not null)
            {
                yield return ("allowHostPath", $"hostPath volume {volume.Name}");
            }
        }

        foreach (var sysctl in pod.SecurityContext?.Sysctls ?? [])
        {
            if (!SafeSysctls.Contains(sysctl.Name.Replace('/', '.')))
            {
                yield return ("allowedUnsafeSysctls", $"sysctl {sysctl.Name}");
            }
        }

        foreach (var violation in Confinement(pod.SecurityContext?.SeccompProfile, pod.SecurityContext?.SeLinuxOptions, null, "pod"))
        {
            yield return violation;
        }

        foreach (var (key, value) in template.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            if (key.StartsWith("container.apparmor.security.beta.kubernetes.io/", StringComparison.Ordinal) && value != "runtime/default" && !value.StartsWith("localhost/", StringComparison.Ordinal))
            {
                yield return ("allowUnconfined", $"AppArmor {value}");
            }
        }

        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers ?? []))
        {
            var context = container.SecurityContext;
            if (context?.Privileged == true)
            {
                yield return ("allowPrivileged", $"privileged {container.Name}");
            }

            foreach (var capability in context?.Capabilities?.Add ?? [])
            {
                if (!BaselineCapabilities.Contains(capability))
                {
                    yield return ("allowedCapabilities", $"capability {capability} of {container.Name}");
                }
            }

            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is > 0)
                {
                    yield return (pod.HostNetwork == true ? "allowHostNetwork" : "allowHostPorts", $"hostPort {port.HostPort} of {container.Name}");
                }
            }

            foreach (var violation in Confinement(context?.SeccompProfile, context?.SeLinuxOptions, context?.ProcMount, container.Name))
            {
                yield return violation;
            }
        }
    }

    private static IEnumerable<(string PolicyField, string What)> Confinement(V1SeccompProfile? seccomp, V1SELinuxOptions? seLinux, string? procMount, string who)
    {
        if (seccomp?.Type == "Unconfined")
        {
            yield return ("allowUnconfined", $"seccomp Unconfined ({who})");
        }

        if (seLinux is not null && (!SeLinuxTypes.Contains(seLinux.Type ?? string.Empty) || seLinux.User is not null || seLinux.Role is not null))
        {
            yield return ("allowUnconfined", $"SELinux options ({who})");
        }

        if (procMount is not null and not "Default")
        {
            yield return ("allowUnconfined", $"procMount {procMount} ({who})");
        }
    }
}
