using System.Globalization;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Units;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's Linux parameters: capabilities, devices, init process, shared memory, tmpfs, swap.</summary>
internal static class LinuxParametersMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        if (plan.Definition.LinuxParameters is not { } parameters)
        {
            return;
        }

        var parametersPath = plan.Path + ".linuxParameters";
        var container = plan.Container;
        if (parameters.Capabilities is { } caps)
        {
            var securityContext = container.SecurityContext ?? new V1SecurityContext();
            var allowed = new HashSet<string>((build.Policy.AllowedCapabilities ?? []).Select(SecurityContextMapper.Capability), StringComparer.Ordinal);
            if (caps.Add is not null)
            {
                var add = caps.Add.Select(SecurityContextMapper.Capability).Distinct(StringComparer.Ordinal).ToList();
                var refused = add.Where(capability => !allowed.Contains(capability) && !allowed.Contains("ALL")).ToList();
                if (refused.Count > 0)
                {
                    var requested = new HashSet<string>((build.Context.Cluster.Policy?.AllowedCapabilities ?? []).Select(SecurityContextMapper.Capability), StringComparer.Ordinal);
                    var clusterAllows = requested.Contains("ALL") || refused.All(requested.Contains);
                    build.Report.Refused(
                        parametersPath + ".capabilities.add",
                        clusterAllows
                            ? $"adding capabilities {string.Join(", ", refused)} is refused: {build.PolicyCause("allowedCapabilities", clusterAllows: true)}"
                            : $"adding capabilities {string.Join(", ", refused)} is refused: EcsCluster {build.Context.ClusterName} spec.policy.allowedCapabilities does not list them");
                }
                else
                {
                    build.Report.Mapped(parametersPath + ".capabilities.add", "securityContext.capabilities.add");
                }

                securityContext.Capabilities ??= new V1Capabilities();
                securityContext.Capabilities.Add = add;
            }

            if (caps.Drop is not null)
            {
                securityContext.Capabilities ??= new V1Capabilities();
                securityContext.Capabilities.Drop = caps.Drop.Select(SecurityContextMapper.Capability).Distinct(StringComparer.Ordinal).ToList();
                build.Report.Mapped(parametersPath + ".capabilities.drop", "securityContext.capabilities.drop");
            }

            if (SecurityContextMapper.HasAny(securityContext))
            {
                container.SecurityContext = securityContext;
            }
        }

        for (var i = 0; i < (parameters.Devices?.Count ?? 0); i++)
        {
            var device = parameters.Devices![i];
            const string why = "host devices are not supported: they need privileged hostPath access; expose them with a device plugin";
            var devicePath = $"{parametersPath}.devices[{i}]";
            build.Report.Rejected(devicePath, why);
            build.Report.AddIfSet(device.HostPath, devicePath, ".hostPath", Disposition.Rejected, why);
            build.Report.AddIfSet(device.ContainerPath, devicePath, ".containerPath", Disposition.Rejected, why);
            build.Report.AddIfSet(device.Permissions, devicePath, ".permissions", Disposition.Rejected, why);
        }

        if (parameters.InitProcessEnabled is not null)
        {
            if (parameters.InitProcessEnabled.Value)
            {
                contributions.EnableInitProcess();
                build.Report.Approximated(parametersPath + ".initProcessEnabled", "no init is injected into the container; shareProcessNamespace makes the pod's pause process PID 1, which reaps zombies, but the containers then see each other's processes");
            }
            else
            {
                build.Report.Mapped(parametersPath + ".initProcessEnabled", "no init process");
            }
        }

        if (parameters.SharedMemorySize is { } shm)
        {
            if (shm <= 0)
            {
                build.Report.Rejected(parametersPath + ".sharedMemorySize", "the shared memory size must be positive");
            }
            else
            {
                var name = build.VolumeNames.Allocate(KubeNames.Join(plan.Name, "shm"));
                build.Volumes.Add(new V1Volume { Name = name, EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantities.Parse(Quantities.MiB(shm)) } });
                AddMount(container, new V1VolumeMount { Name = name, MountPath = "/dev/shm" });
                build.Report.Mapped(parametersPath + ".sharedMemorySize", $"memory-backed emptyDir {name} at /dev/shm (counts against the container's memory limit)");
            }
        }

        for (var i = 0; i < (parameters.Tmpfs?.Count ?? 0); i++)
        {
            var tmpfs = parameters.Tmpfs![i];
            var path = $"{parametersPath}.tmpfs[{i}]";
            if (string.IsNullOrEmpty(tmpfs.ContainerPath))
            {
                build.ReportAll(tmpfs, path, Disposition.Rejected, "a tmpfs mount needs a container path");
                continue;
            }

            var name = build.VolumeNames.Allocate(KubeNames.Join(plan.Name, "tmpfs", i.ToString(CultureInfo.InvariantCulture)));
            var source = new V1EmptyDirVolumeSource { Medium = "Memory" };
            if (tmpfs.Size is > 0)
            {
                source.SizeLimit = Quantities.Parse(Quantities.MiB(tmpfs.Size.Value));
                build.Report.Mapped(path + ".size", "emptyDir sizeLimit");
            }
            else if (tmpfs.Size is not null)
            {
                build.Report.Rejected(path + ".size", "the tmpfs size must be positive");
            }

            build.Volumes.Add(new V1Volume { Name = name, EmptyDir = source });
            AddMount(container, new V1VolumeMount { Name = name, MountPath = tmpfs.ContainerPath });
            build.Report.Mapped(path + ".containerPath", $"memory-backed emptyDir {name}");
            build.Report.AddIfSet(tmpfs.MountOptions, path, ".mountOptions", Disposition.Approximated, "emptyDir mounts take no options (noexec, nosuid... are not applied)");
        }

        build.Report.AddIfSet(parameters.MaxSwap, parametersPath, ".maxSwap", Disposition.Ignored, "swap is a node setting in Kubernetes (NodeSwap), not a container one");
        build.Report.AddIfSet(parameters.Swappiness, parametersPath, ".swappiness", Disposition.Ignored, "swappiness is a node setting in Kubernetes");
    }

    private static void AddMount(V1Container container, V1VolumeMount mount)
    {
        container.VolumeMounts ??= [];
        container.VolumeMounts.Add(mount);
    }
}
