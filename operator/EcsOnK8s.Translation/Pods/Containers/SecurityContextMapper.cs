using EcsOnK8s.Translation.Report;
using System.Globalization;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's security context: privileges, user, read-only root, Docker security options.</summary>
internal static class SecurityContextMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var definition = plan.Definition;
        var containerPath = plan.Path;
        var securityContext = plan.Container.SecurityContext ?? new V1SecurityContext();

        if (definition.Privileged is not null)
        {
            if (definition.Privileged.Value)
            {
                if (build.Policy.AllowPrivileged != true)
                {
                    build.Refuse(containerPath + ".privileged", "privileged containers", "allowPrivileged");
                }
                else
                {
                    build.Report.Mapped(containerPath + ".privileged", "securityContext.privileged");
                }

                securityContext.Privileged = true;
            }
            else
            {
                build.Report.Mapped(containerPath + ".privileged", "not privileged");
            }
        }

        securityContext.ReadOnlyRootFilesystem = build.Report.AddIfSet(definition.ReadonlyRootFilesystem, containerPath, ".readonlyRootFilesystem", Disposition.Mapped, "securityContext.readOnlyRootFilesystem");

        if (definition.User is { } user)
        {
            var parts = user.Split(':', 2);
            var uid = ParseId(parts[0]);
            long? gid = parts.Length > 1 ? ParseId(parts[1]) : null;
            if (uid is not null)
            {
                securityContext.RunAsUser = uid;
            }

            if (gid is not null)
            {
                securityContext.RunAsGroup = gid;
            }

            if (uid is not null && (parts.Length == 1 || gid is not null))
            {
                build.Report.Mapped(containerPath + ".user", gid is null ? "securityContext.runAsUser" : "securityContext.runAsUser and runAsGroup");
            }
            else
            {
                build.Report.Approximated(containerPath + ".user", $"Kubernetes needs numeric ids: '{user}' is {(uid is null ? "left to the image's user" : "kept as runAsUser only, the group name is left to the image")}");
            }
        }

        for (var i = 0; i < (definition.DockerSecurityOptions?.Count ?? 0); i++)
        {
            var option = definition.DockerSecurityOptions![i];
            var path = $"{containerPath}.dockerSecurityOptions[{i}]";
            SecurityOption(build, plan, securityContext, option, path, contributions);
        }

        build.Report.AddIfSet(definition.DockerSecurityOptions, containerPath, ".dockerSecurityOptions", Disposition.Mapped, "each option is listed by index");

        if (HasAny(securityContext))
        {
            plan.Container.SecurityContext = securityContext;
        }
    }

    private static void SecurityOption(PodBuildState build, ContainerPlan plan, V1SecurityContext securityContext, string option, string path, PodContributionsBuilder contributions)
    {
        var trimmed = option.Trim();
        if (trimmed is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true")
        {
            securityContext.AllowPrivilegeEscalation = false;
            build.Report.Mapped(path, "securityContext.allowPrivilegeEscalation: false");
            return;
        }

        var sep = trimmed.IndexOfAny([':', '=']);
        var kind = sep < 0 ? trimmed : trimmed[..sep];
        var rest = sep < 0 ? string.Empty : trimmed[(sep + 1)..].Trim();
        switch (kind)
        {
            case "apparmor" when rest.Length > 0:
                var profile = rest switch
                {
                    "unconfined" => "unconfined",
                    "runtime/default" or "docker-default" => "runtime/default",
                    _ => "localhost/" + rest,
                };
                if (profile == "unconfined" && Unconfined(build, path, "unconfined AppArmor profiles"))
                {
                    return;
                }

                contributions.SetAnnotation("container.apparmor.security.beta.kubernetes.io/" + plan.Name, profile);
                build.Report.Mapped(path, $"AppArmor annotation {profile}");
                return;
            case "seccomp" when rest == "unconfined":
                if (Unconfined(build, path, "unconfined seccomp profiles"))
                {
                    return;
                }

                securityContext.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" };
                build.Report.Mapped(path, "securityContext.seccompProfile Unconfined");
                return;
            case "systempaths" when rest == "unconfined":
                if (!Unconfined(build, path, "unmasked system paths (systempaths=unconfined)"))
                {
                    build.Report.Ignored(path, "the container's /proc and /sys paths stay masked (procMount Unmasked is not rendered)");
                }

                return;
            case "label" when rest.Length > 0:
                SeLinuxOption(build, securityContext, rest, path);
                return;
            case "credentialspec":
                build.Report.Ignored(path, "Windows gMSA credential specs are not supported");
                return;
            default:
                build.Report.Ignored(path, $"Docker security option '{trimmed}' has no Kubernetes counterpart");
                return;
        }
    }

    private static void SeLinuxOption(PodBuildState build, V1SecurityContext securityContext, string option, string path)
    {
        var sep = option.IndexOfAny([':', '=']);
        var field = sep < 0 ? option : option[..sep];
        var value = sep < 0 ? string.Empty : option[(sep + 1)..];

        // Pod Security baseline: no SELinux user or role, and only the container types; anything else (spc_t, a
        // host type, labelling off) runs the container outside the confinement the runtime gives it.
        var confined = field switch
        {
            "level" => true,
            "type" => ConfinedSeLinuxType(value, build.Context.Capabilities.KubernetesMinor),
            "user" or "role" or "disable" => false,
            _ => true,
        };
        if (!confined && Unconfined(build, path, $"SELinux options that lift confinement (label:{option})"))
        {
            return;
        }

        securityContext.SeLinuxOptions ??= new V1SELinuxOptions();
        switch (field)
        {
            case "user":
                securityContext.SeLinuxOptions.User = value;
                break;
            case "role":
                securityContext.SeLinuxOptions.Role = value;
                break;
            case "type":
                securityContext.SeLinuxOptions.Type = value;
                break;
            case "level":
                securityContext.SeLinuxOptions.Level = value;
                break;
            case "disable":
                securityContext.SeLinuxOptions.Type = "spc_t";
                build.Report.Approximated(path, "SELinux labelling cannot be disabled per container; type spc_t is the closest");
                return;
            default:
                build.Report.Ignored(path, $"unknown SELinux label option '{field}'");
                return;
        }

        build.Report.Mapped(path, "securityContext.seLinuxOptions." + field);
    }

    private static bool ConfinedSeLinuxType(string type, int minor) =>
        type is "" or "container_t" or "container_init_t" or "container_kvm_t" || (minor >= 31 && type == "container_engine_t");

    /// <summary>Records the refusal of an option that lifts confinement unless the policy allows it; true when refused.</summary>
    private static bool Unconfined(PodBuildState build, string path, string what)
    {
        if (build.Policy.AllowUnconfined == true)
        {
            return false;
        }

        build.Refuse(path, what, "allowUnconfined");
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

    internal static bool HasAny(V1SecurityContext securityContext) =>
        securityContext.Privileged is not null || securityContext.ReadOnlyRootFilesystem is not null || securityContext.RunAsUser is not null ||
        securityContext.RunAsGroup is not null || securityContext.Capabilities is not null || securityContext.SeLinuxOptions is not null ||
        securityContext.AllowPrivilegeEscalation is not null || securityContext.SeccompProfile is not null;
}
