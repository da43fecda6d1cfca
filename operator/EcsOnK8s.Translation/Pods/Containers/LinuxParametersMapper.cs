using System.Globalization;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's Linux parameters: capabilities, devices, init process, shared memory, tmpfs, swap.</summary>
internal static class LinuxParametersMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        if (plan.Definition.LinuxParameters is not { } lp)
        {
            return;
        }

        var p = plan.Path + ".linuxParameters";
        var c = plan.Container;
        if (lp.Capabilities is { } caps)
        {
            var sc = c.SecurityContext ?? new V1SecurityContext();
            var allowed = new HashSet<string>((s.Policy.AllowedCapabilities ?? []).Select(SecurityContextMapper.Capability), StringComparer.Ordinal);
            if (caps.Add is not null)
            {
                var add = caps.Add.Select(SecurityContextMapper.Capability).Distinct(StringComparer.Ordinal).ToList();
                var refused = add.Where(a => !allowed.Contains(a) && !allowed.Contains("ALL")).ToList();
                if (refused.Count > 0)
                {
                    s.Report.Rejected(
                        p + ".capabilities.add",
                        $"adding capabilities {string.Join(", ", refused)} is refused: EcsCluster {s.Context.ClusterName} spec.policy.allowedCapabilities does not list them");
                }
                else
                {
                    s.Report.Mapped(p + ".capabilities.add", "securityContext.capabilities.add");
                }

                sc.Capabilities ??= new V1Capabilities();
                sc.Capabilities.Add = add;
            }

            if (caps.Drop is not null)
            {
                sc.Capabilities ??= new V1Capabilities();
                sc.Capabilities.Drop = caps.Drop.Select(SecurityContextMapper.Capability).Distinct(StringComparer.Ordinal).ToList();
                s.Report.Mapped(p + ".capabilities.drop", "securityContext.capabilities.drop");
            }

            if (SecurityContextMapper.HasAny(sc))
            {
                c.SecurityContext = sc;
            }
        }

        for (var i = 0; i < (lp.Devices?.Count ?? 0); i++)
        {
            var dev = lp.Devices![i];
            const string why = "host devices are not supported: they need privileged hostPath access; expose them with a device plugin";
            s.Report.Rejected($"{p}.devices[{i}]", why);
            if (dev.HostPath is not null)
            {
                s.Report.Rejected($"{p}.devices[{i}].hostPath", why);
            }

            if (dev.ContainerPath is not null)
            {
                s.Report.Rejected($"{p}.devices[{i}].containerPath", why);
            }

            if (dev.Permissions is not null)
            {
                s.Report.Rejected($"{p}.devices[{i}].permissions", why);
            }
        }

        if (lp.InitProcessEnabled is not null)
        {
            if (lp.InitProcessEnabled.Value)
            {
                contributions.EnableInitProcess();
                s.Report.Approximated(p + ".initProcessEnabled", "no init is injected into the container; shareProcessNamespace makes the pod's pause process PID 1, which reaps zombies, but the containers then see each other's processes");
            }
            else
            {
                s.Report.Mapped(p + ".initProcessEnabled", "no init process");
            }
        }

        if (lp.SharedMemorySize is { } shm)
        {
            if (shm <= 0)
            {
                s.Report.Rejected(p + ".sharedMemorySize", "the shared memory size must be positive");
            }
            else
            {
                var name = s.VolumeNames.Allocate(KubeNames.Join(plan.Name, "shm"));
                s.Volumes.Add(new V1Volume { Name = name, EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantities.Parse(Quantities.MiB(shm)) } });
                AddMount(c, new V1VolumeMount { Name = name, MountPath = "/dev/shm" });
                s.Report.Mapped(p + ".sharedMemorySize", $"memory-backed emptyDir {name} at /dev/shm (counts against the container's memory limit)");
            }
        }

        for (var i = 0; i < (lp.Tmpfs?.Count ?? 0); i++)
        {
            var t = lp.Tmpfs![i];
            var path = $"{p}.tmpfs[{i}]";
            if (string.IsNullOrEmpty(t.ContainerPath))
            {
                s.ReportAll(t, path, Report.Disposition.Rejected, "a tmpfs mount needs a container path");
                continue;
            }

            var name = s.VolumeNames.Allocate(KubeNames.Join(plan.Name, "tmpfs", i.ToString(CultureInfo.InvariantCulture)));
            var source = new V1EmptyDirVolumeSource { Medium = "Memory" };
            if (t.Size is > 0)
            {
                source.SizeLimit = Quantities.Parse(Quantities.MiB(t.Size.Value));
                s.Report.Mapped(path + ".size", "emptyDir sizeLimit");
            }
            else if (t.Size is not null)
            {
                s.Report.Rejected(path + ".size", "the tmpfs size must be positive");
            }

            s.Volumes.Add(new V1Volume { Name = name, EmptyDir = source });
            AddMount(c, new V1VolumeMount { Name = name, MountPath = t.ContainerPath });
            s.Report.Mapped(path + ".containerPath", $"memory-backed emptyDir {name}");
            if (t.MountOptions is not null)
            {
                s.Report.Approximated(path + ".mountOptions", "emptyDir mounts take no options (noexec, nosuid... are not applied)");
            }
        }

        if (lp.MaxSwap is not null)
        {
            s.Report.Ignored(p + ".maxSwap", "swap is a node setting in Kubernetes (NodeSwap), not a container one");
        }

        if (lp.Swappiness is not null)
        {
            s.Report.Ignored(p + ".swappiness", "swappiness is a node setting in Kubernetes");
        }
    }

    private static void AddMount(V1Container c, V1VolumeMount mount)
    {
        c.VolumeMounts ??= [];
        c.VolumeMounts.Add(mount);
    }
}
