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
            var d = plan.Definition;
            for (var i = 0; i < (d.MountPoints?.Count ?? 0); i++)
            {
                var m = d.MountPoints![i];
                var path = $"{plan.Path}.mountPoints[{i}]";
                if (m.SourceVolume is null || !build.VolumeTargets.TryGetValue(m.SourceVolume, out var target))
                {
                    build.ReportAll(m, path, Disposition.Rejected, $"no task volume is named '{m.SourceVolume}'");
                    continue;
                }

                if (string.IsNullOrEmpty(m.ContainerPath))
                {
                    build.ReportAll(m, path, Disposition.Rejected, "a mount point needs a container path");
                    continue;
                }

                build.Report.Mapped(path + ".sourceVolume", $"volumeMount of {target.PodVolumeName}");
                build.Report.Mapped(path + ".containerPath", "mountPath");
                build.Report.AddIfSet(m.ReadOnly, path, ".readOnly", Disposition.Mapped);

                list.Add((new V1VolumeMount
                {
                    Name = target.PodVolumeName,
                    MountPath = m.ContainerPath,
                    ReadOnlyProperty = m.ReadOnly == true ? true : null,
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

            var d = plan.Definition;
            for (var i = 0; i < (d.VolumesFrom?.Count ?? 0); i++)
            {
                var vf = d.VolumesFrom![i];
                var path = $"{plan.Path}.volumesFrom[{i}]";
                if (vf.SourceContainer is null || !own.ContainsKey(vf.SourceContainer))
                {
                    build.ReportAll(vf, path, Disposition.Rejected, $"no container is named '{vf.SourceContainer}'");
                    continue;
                }

                foreach (var mount in Expand(build, vf.SourceContainer, own, [plan.Definition.Name ?? plan.Name]))
                {
                    var copy = new V1VolumeMount
                    {
                        Name = mount.Name,
                        MountPath = mount.MountPath,
                        SubPath = mount.SubPath,
                        ReadOnlyProperty = vf.ReadOnly == true || mount.ReadOnlyProperty == true ? true : null,
                    };
                    Add(build, plan, mounts, copy, path);
                }

                build.Report.Mapped(path + ".sourceContainer", "the source container's mounts, copied");
                build.Report.AddIfSet(vf.ReadOnly, path, ".readOnly", Disposition.Mapped);
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
        foreach (var vf in plan.Definition.VolumesFrom ?? [])
        {
            if (vf.SourceContainer is not null && own.ContainsKey(vf.SourceContainer))
            {
                foreach (var m in Expand(build, vf.SourceContainer, own, visiting))
                {
                    yield return vf.ReadOnly == true
                        ? new V1VolumeMount { Name = m.Name, MountPath = m.MountPath, SubPath = m.SubPath, ReadOnlyProperty = true }
                        : m;
                }
            }
        }
    }

    private static void Add(PodBuildState build, ContainerPlan plan, List<V1VolumeMount> mounts, V1VolumeMount mount, string path)
    {
        if (mounts.Any(m => m.MountPath == mount.MountPath))
        {
            build.Report.Approximated(path, $"{plan.Name} already mounts something at {mount.MountPath}; the first mount wins");
            return;
        }

        mounts.Add(mount);
    }
}
