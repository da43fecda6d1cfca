using k8s.Models;

namespace EcsOnK8s.Translation.Tests.Security;

/// <summary>
/// An independent oracle of the Pod Security Standards' restricted profile (kubernetes.io/docs/concepts/security/
/// pod-security-standards, as of 1.30), written from the standard rather than from the translation: every baseline
/// violation (restricted allows no exception) and each rule restricted adds.
/// </summary>
internal static class PodSecurityRestricted
{
    private static readonly string[] SeccompConfined = ["RuntimeDefault", "Localhost"];

    /// <summary>Each restricted violation, as text.</summary>
    public static IEnumerable<string> Violations(V1PodTemplateSpec template)
    {
        foreach (var (_, what) in PodSecurityBaseline.Violations(template))
        {
            yield return "baseline: " + what;
        }

        var pod = template.Spec;
        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.ConfigMap is null && volume.Csi is null && volume.DownwardAPI is null && volume.EmptyDir is null && volume.Ephemeral is null
                && volume.PersistentVolumeClaim is null && volume.Projected is null && volume.Secret is null)
            {
                yield return $"volume type of {volume.Name}";
            }
        }

        var podNonRoot = pod.SecurityContext?.RunAsNonRoot == true;
        var podSeccomp = SeccompConfined.Contains(pod.SecurityContext?.SeccompProfile?.Type);
        if (pod.SecurityContext?.RunAsUser == 0)
        {
            yield return "pod runAsUser 0";
        }

        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers ?? []))
        {
            var context = container.SecurityContext;
            if (context?.AllowPrivilegeEscalation != false)
            {
                yield return $"allowPrivilegeEscalation of {container.Name}";
            }

            if (context?.RunAsNonRoot == false || (!podNonRoot && context?.RunAsNonRoot != true))
            {
                yield return $"runAsNonRoot of {container.Name}";
            }

            if (context?.RunAsUser == 0)
            {
                yield return $"runAsUser 0 of {container.Name}";
            }

            if (context?.SeccompProfile?.Type is { } type ? !SeccompConfined.Contains(type) : !podSeccomp)
            {
                yield return $"seccompProfile of {container.Name}";
            }

            if (context?.Capabilities?.Drop?.Contains("ALL") != true)
            {
                yield return $"capabilities drop ALL of {container.Name}";
            }

            foreach (var capability in context?.Capabilities?.Add ?? [])
            {
                if (capability != "NET_BIND_SERVICE")
                {
                    yield return $"capability {capability} of {container.Name}";
                }
            }
        }
    }
}
