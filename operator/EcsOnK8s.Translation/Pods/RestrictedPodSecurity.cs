using System.Globalization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Pods.Containers;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// Pod Security "restricted" on top of baseline: what a task definition sets against it is refused (naming the field
/// and the level), what it leaves unset is filled in (runAsNonRoot, seccomp RuntimeDefault, no privilege escalation,
/// every capability dropped) and reported under <see cref="ReportPath"/>. Never changes what the user set.
/// </summary>
internal static class RestrictedPodSecurity
{
    /// <summary>The report path of what restricted filled in (not a field of the input: the level is the cluster's).</summary>
    public const string ReportPath = "podSecurity";

    /// <summary>The one capability restricted lets a container add.</summary>
    private const string NetBindService = "NET_BIND_SERVICE";

    /// <summary>The volume types restricted allows (Pod Security Standards, "Volume Types").</summary>
    private static readonly Func<V1Volume, bool>[] s_allowedVolumes =
    [
        v => v.ConfigMap is not null, v => v.Csi is not null, v => v.DownwardAPI is not null, v => v.EmptyDir is not null,
        v => v.Ephemeral is not null, v => v.PersistentVolumeClaim is not null, v => v.Projected is not null, v => v.Secret is not null,
    ];

    /// <summary>
    /// <paramref name="policy"/> cut down to what restricted allows: none of baseline's exceptions, and of the
    /// capabilities only NET_BIND_SERVICE (where the policy allows it at all).
    /// </summary>
    public static ClusterPolicy Cap(ClusterPolicy policy)
    {
        var capabilities = (policy.AllowedCapabilities ?? []).Select(SecurityContextMapper.Capability).ToList();
        return new ClusterPolicy
        {
            AllowedCapabilities = capabilities.Contains("ALL") || capabilities.Contains(NetBindService) ? [NetBindService] : null,
        };
    }

    /// <summary>Refuses what cannot meet restricted and fills in what the task definition left unset.</summary>
    public static void Apply(PodBuildState build, V1PodSpec pod)
    {
        if (!build.Restricted)
        {
            return;
        }

        var level = $"Pod Security restricted ({build.Context.PodSecuritySource})";
        var filled = new SortedSet<string>(StringComparer.Ordinal);
        var imageUser = new List<string>();
        foreach (var plan in build.Containers)
        {
            if (plan.Definition.User is { } user && RunsAsRoot(user))
            {
                build.Report.Refused(plan.Path + ".user", $"running as root ('{user}') is refused: {level} needs a non-zero user id");
            }
            else if (plan.Definition.User is null || !char.IsAsciiDigit(plan.Definition.User.Trim().FirstOrDefault()))
            {
                imageUser.Add(plan.Name);
            }
        }

        for (var i = 0; i < pod.Volumes?.Count; i++)
        {
            var volume = pod.Volumes[i];
            if (!s_allowedVolumes.Any(allowed => allowed(volume)))
            {
                // Host volumes are refused by their own rule (the policy in force allows none); this is the net for
                // any other volume type a later mapper might render.
                build.Report.Refused(build.Root + "volumes", $"volume {volume.Name} is of a type {level} does not allow");
            }
        }

        pod.SecurityContext ??= new V1PodSecurityContext();
        if (pod.SecurityContext.RunAsNonRoot is null)
        {
            pod.SecurityContext.RunAsNonRoot = true;
            filled.Add("runAsNonRoot true");
        }

        if (pod.SecurityContext.SeccompProfile is null)
        {
            pod.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" };
            filled.Add("seccompProfile RuntimeDefault");
        }

        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers ?? []))
        {
            var context = container.SecurityContext ??= new V1SecurityContext();
            if (context.AllowPrivilegeEscalation is null)
            {
                context.AllowPrivilegeEscalation = false;
                filled.Add("allowPrivilegeEscalation false");
            }

            context.Capabilities ??= new V1Capabilities();
            if (context.Capabilities.Drop?.Contains("ALL") != true)
            {
                // Dropping ALL covers whatever else the task definition dropped.
                context.Capabilities.Drop = ["ALL"];
                filled.Add("capabilities drop ALL");
            }
        }

        var reason = filled.Count == 0
            ? $"{level}: the task definition meets it as written"
            : $"{level}: filled in {string.Join(", ", filled)}";
        if (imageUser.Count > 0 && pod.SecurityContext.RunAsNonRoot == true)
        {
            build.Report.Approximated(ReportPath, $"{reason}; containers {string.Join(", ", imageUser)} run as their image's user, which must be a non-zero numeric id or the kubelet does not start them (set user to one)");
        }
        else
        {
            build.Report.Mapped(ReportPath, reason);
        }
    }

    private static bool RunsAsRoot(string user)
    {
        var uid = user.Split(':', 2)[0].Trim();
        return uid == "root" || (long.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == 0);
    }
}
