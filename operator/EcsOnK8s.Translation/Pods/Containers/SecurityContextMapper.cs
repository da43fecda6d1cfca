using System.Globalization;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's security context: privileges, user, read-only root, Docker security options.</summary>
internal static class SecurityContextMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var d = plan.Definition;
        var p = plan.Path;
        var sc = plan.Container.SecurityContext ?? new V1SecurityContext();

        if (d.Privileged is not null)
        {
            if (d.Privileged.Value)
            {
                if (s.Policy.AllowPrivileged != true)
                {
                    s.Report.Rejected(p + ".privileged", s.Refusal("privileged containers", "allowPrivileged"));
                }
                else
                {
                    s.Report.Mapped(p + ".privileged", "securityContext.privileged");
                }

                sc.Privileged = true;
            }
            else
            {
                s.Report.Mapped(p + ".privileged", "not privileged");
            }
        }

        if (d.ReadonlyRootFilesystem is not null)
        {
            sc.ReadOnlyRootFilesystem = d.ReadonlyRootFilesystem;
            s.Report.Mapped(p + ".readonlyRootFilesystem", "securityContext.readOnlyRootFilesystem");
        }

        if (d.User is { } user)
        {
            var parts = user.Split(':', 2);
            var uid = ParseId(parts[0]);
            long? gid = parts.Length > 1 ? ParseId(parts[1]) : null;
            if (uid is not null)
            {
                sc.RunAsUser = uid;
            }

            if (gid is not null)
            {
                sc.RunAsGroup = gid;
            }

            if (uid is not null && (parts.Length == 1 || gid is not null))
            {
                s.Report.Mapped(p + ".user", gid is null ? "securityContext.runAsUser" : "securityContext.runAsUser and runAsGroup");
            }
            else
            {
                s.Report.Approximated(p + ".user", $"Kubernetes needs numeric ids: '{user}' is {(uid is null ? "left to the image's user" : "kept as runAsUser only, the group name is left to the image")}");
            }
        }

        for (var i = 0; i < (d.DockerSecurityOptions?.Count ?? 0); i++)
        {
            var option = d.DockerSecurityOptions![i];
            var path = $"{p}.dockerSecurityOptions[{i}]";
            SecurityOption(s, plan, sc, option, path, contributions);
        }

        if (d.DockerSecurityOptions is not null)
        {
            s.Report.Mapped(p + ".dockerSecurityOptions", "each option is listed by index");
        }

        if (HasAny(sc))
        {
            plan.Container.SecurityContext = sc;
        }
    }

    private static void SecurityOption(PodBuildState s, ContainerPlan plan, V1SecurityContext sc, string option, string path, PodContributionsBuilder contributions)
    {
        var o = option.Trim();
        if (o is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true")
        {
            sc.AllowPrivilegeEscalation = false;
            s.Report.Mapped(path, "securityContext.allowPrivilegeEscalation: false");
            return;
        }

        var sep = o.IndexOfAny([':', '=']);
        var kind = sep < 0 ? o : o[..sep];
        var rest = sep < 0 ? string.Empty : o[(sep + 1)..].Trim();
        switch (kind)
        {
            case "apparmor" when rest.Length > 0:
                var profile = rest switch
                {
                    "unconfined" => "unconfined",
                    "runtime/default" or "docker-default" => "runtime/default",
                    _ => "localhost/" + rest,
                };
                if (profile == "unconfined" && Unconfined(s, path, "unconfined AppArmor profiles"))
                {
                    return;
                }

                contributions.SetAnnotation("container.apparmor.security.beta.kubernetes.io/" + plan.Name, profile);
                s.Report.Mapped(path, $"AppArmor annotation {profile}");
                return;
            case "seccomp" when rest == "unconfined":
                if (Unconfined(s, path, "unconfined seccomp profiles"))
                {
                    return;
                }

                sc.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" };
                s.Report.Mapped(path, "securityContext.seccompProfile Unconfined");
                return;
            case "systempaths" when rest == "unconfined":
                if (!Unconfined(s, path, "unmasked system paths (systempaths=unconfined)"))
                {
                    s.Report.Ignored(path, "the container's /proc and /sys paths stay masked (procMount Unmasked is not rendered)");
                }

                return;
            case "label" when rest.Length > 0:
                SeLinuxOption(s, sc, rest, path);
                return;
            case "credentialspec":
                s.Report.Ignored(path, "Windows gMSA credential specs are not supported");
                return;
            default:
                s.Report.Ignored(path, $"Docker security option '{o}' has no Kubernetes counterpart");
                return;
        }
    }

    private static void SeLinuxOption(PodBuildState s, V1SecurityContext sc, string option, string path)
    {
        var sep = option.IndexOfAny([':', '=']);
        var field = sep < 0 ? option : option[..sep];
        var value = sep < 0 ? string.Empty : option[(sep + 1)..];

        // Pod Security baseline: no SELinux user or role, and only the container types; anything else (spc_t, a
        // host type, labelling off) runs the container outside the confinement the runtime gives it.
        var confined = field switch
        {
            "level" => true,
            "type" => ConfinedSeLinuxType(value, s.Context.Capabilities.KubernetesMinor),
            "user" or "role" or "disable" => false,
            _ => true,
        };
        if (!confined && Unconfined(s, path, $"SELinux options that lift confinement (label:{option})"))
        {
            return;
        }

        sc.SeLinuxOptions ??= new V1SELinuxOptions();
        switch (field)
        {
            case "user":
                sc.SeLinuxOptions.User = value;
                break;
            case "role":
                sc.SeLinuxOptions.Role = value;
                break;
            case "type":
                sc.SeLinuxOptions.Type = value;
                break;
            case "level":
                sc.SeLinuxOptions.Level = value;
                break;
            case "disable":
                sc.SeLinuxOptions.Type = "spc_t";
                s.Report.Approximated(path, "SELinux labelling cannot be disabled per container; type spc_t is the closest");
                return;
            default:
                s.Report.Ignored(path, $"unknown SELinux label option '{field}'");
                return;
        }

        s.Report.Mapped(path, "securityContext.seLinuxOptions." + field);
    }

    private static bool ConfinedSeLinuxType(string type, int minor) =>
        type is "" or "container_t" or "container_init_t" or "container_kvm_t" || (minor >= 31 && type == "container_engine_t");

    /// <summary>Records the refusal of an option that lifts confinement unless the policy allows it; true when refused.</summary>
    private static bool Unconfined(PodBuildState s, string path, string what)
    {
        if (s.Policy.AllowUnconfined == true)
        {
            return false;
        }

        s.Report.Rejected(path, s.Refusal(what, "allowUnconfined"));
        return true;
    }

    internal static string Capability(string cap)
    {
        var upper = cap.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    private static long? ParseId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= int.MaxValue ? id
        : text == "root" ? 0 : null;

    internal static bool HasAny(V1SecurityContext sc) =>
        sc.Privileged is not null || sc.ReadOnlyRootFilesystem is not null || sc.RunAsUser is not null ||
        sc.RunAsGroup is not null || sc.Capabilities is not null || sc.SeLinuxOptions is not null ||
        sc.AllowPrivilegeEscalation is not null || sc.SeccompProfile is not null;
}
