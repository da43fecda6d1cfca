using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>mountPoints → volumeMounts; volumesFrom expanded into the source container's mounts.</summary>
internal static class MountMapper
{
    public static void Map(PodBuildState build)
    {
        // Own mounts first, so volumesFrom can copy them whatever the container order.
        var own = new Dictionary<string, List<(V1VolumeMount Mount, string Path)>>(StringComparer.Ordinal);
        foreach (var plan in build.Containers)
        {
            var list = new List<(V1VolumeMount, string)>();
            var definition = plan.Definition;
            for (var i = 0; i < (definition.MountPoints?.Count ?? 0); i++)
            {
                var mount = definition.MountPoints![i];
                var path = $"{plan.Path}.mountPoints[{i}]";
                if (mount.SourceVolume is null || !build.VolumeTargets.TryGetValue(mount.SourceVolume, out var target))
                {
                    build.ReportAll(mount, path, Disposition.Rejected, $"no task volume is named '{mount.SourceVolume}'");
                    continue;
                }

                if (string.IsNullOrEmpty(mount.ContainerPath))
                {
                    build.ReportAll(mount, path, Disposition.Rejected, "a mount point needs a container path");
                    continue;
                }

                build.Report.Mapped(path + ".sourceVolume", $"volumeMount of {target.PodVolumeName}");
                build.Report.Mapped(path + ".containerPath", "mountPath");
                build.Report.AddIfSet(mount.ReadOnly, path, ".readOnly", Disposition.Mapped);

                list.Add((new V1VolumeMount
                {
                    Name = target.PodVolumeName,
                    MountPath = mount.ContainerPath,
                    ReadOnlyProperty = mount.ReadOnly == true ? true : null,
                    SubPath = target.SubPath,
                }, path));
            }

            own[plan.Definition.Name ?? plan.Name] = list;
        }

        foreach (var plan in build.Containers)
        {
            var mounts = new List<V1VolumeMount>();
            foreach (var (mount, _) in own[plan.Definition.Name ?? plan.Name])
            {
                Add(build, plan, mounts, mount, plan.Path + ".mountPoints");
            }

            var definition = plan.Definition;
            for (var i = 0; i < (definition.VolumesFrom?.Count ?? 0); i++)
            {
                var volumesFrom = definition.VolumesFrom![i];
                var path = $"{plan.Path}.volumesFrom[{i}]";
                if (volumesFrom.SourceContainer is null || !own.ContainsKey(volumesFrom.SourceContainer))
                {
                    build.ReportAll(volumesFrom, path, Disposition.Rejected, $"no container is named '{volumesFrom.SourceContainer}'");
                    continue;
                }

                foreach (var mount in Expand(build, volumesFrom.SourceContainer, own, [plan.Definition.Name ?? plan.Name]))
                {
                    var copy = new V1VolumeMount
                    {
                        Name = mount.Name,
                        MountPath = mount.MountPath,
                        SubPath = mount.SubPath,
                        ReadOnlyProperty = volumesFrom.ReadOnly == true || mount.ReadOnlyProperty == true ? true : null,
                    };
                    Add(build, plan, mounts, copy, path);
                }

                build.Report.Mapped(path + ".sourceContainer", "the source container's mounts, copied");
                build.Report.AddIfSet(volumesFrom.ReadOnly, path, ".readOnly", Disposition.Mapped);
            }

            // Generated mounts (shared memory, tmpfs) were added by the container mapper; keep them last.
            foreach (var generated in plan.Container.VolumeMounts ?? [])
            {
                Add(build, plan, mounts, generated, plan.Path + ".linuxParameters");
            }

            plan.Container.VolumeMounts = mounts.Count > 0 ? mounts : null;
        }
    }

    /// <summary>A source container's mounts including what it gets through its own volumesFrom.</summary>
    private static IEnumerable<V1VolumeMount> Expand(
        PodBuildState build,
        string source,
        Dictionary<string, List<(V1VolumeMount Mount, string Path)>> own,
        HashSet<string> visiting)
    {
        if (!visiting.Add(source))
        {
            yield break;
        }

        foreach (var (mount, _) in own[source])
        {
            yield return mount;
        }

        var plan = build.ContainersByEcsName[source];
        foreach (var volumesFrom in plan.Definition.VolumesFrom ?? [])
        {
            if (volumesFrom.SourceContainer is not null && own.ContainsKey(volumesFrom.SourceContainer))
            {
                foreach (var mount in Expand(build, volumesFrom.SourceContainer, own, visiting))
                {
                    yield return volumesFrom.ReadOnly == true
                        ? new V1VolumeMount { Name = mount.Name, MountPath = mount.MountPath, SubPath = mount.SubPath, ReadOnlyProperty = true }
                        : mount;
                }
            }
        }
    }

    private static void Add(PodBuildState build, ContainerPlan plan, List<V1VolumeMount> mounts, V1VolumeMount mount, string path)
    {
        if (mounts.Any(existing => existing.MountPath == mount.MountPath))
        {
            build.Report.Approximated(path, $"{plan.Name} already mounts something at {mount.MountPath}; the first mount wins");
            return;
        }

        mounts.Add(mount);
    }
}
