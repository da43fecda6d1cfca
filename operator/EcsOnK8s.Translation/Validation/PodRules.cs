using System.Globalization;
using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>The API server's rules for a pod spec: volumes, containers taken together, DNS, host aliases, security, scheduling.</summary>
internal static class PodRules
{
    internal static void PodSpec(V1PodSpec spec, string path, int minor, List<FieldError> errors)
    {
        // Sets only where they can be needed: most pods have one or two containers and no host ports or aliases.
        HashSet<string>? volumes = spec.Volumes is { Count: > 0 } ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < (spec.Volumes?.Count ?? 0); i++)
        {
            var name = spec.Volumes![i].Name;
            if (!KubeNames.IsDnsLabel(name))
            {
                errors.Add(new($"{path}.volumes[{i}].name", $"'{name}' is not a DNS-1123 label"));
            }
            else if (!volumes!.Add(name))
            {
                errors.Add(new($"{path}.volumes[{i}].name", $"'{name}' is a duplicate"));
            }
        }

        if (spec.Containers is not { Count: > 0 })
        {
            errors.Add(new(path + ".containers", "at least one container is required"));
        }

        HashSet<string>? names = (spec.InitContainers?.Count ?? 0) + (spec.Containers?.Count ?? 0) > 1 ? new(StringComparer.Ordinal) : null;
        HashSet<(int, string, string)>? hostPorts = HasHostPort(spec.InitContainers) || HasHostPort(spec.Containers) ? [] : null;
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
        {
            var c = spec.InitContainers![i];
            var p = $"{path}.initContainers[{i}]";
            ContainerRules.Container(c, p, minor, volumes, names, hostPorts, errors);
            if (c.RestartPolicy is { } restart && (restart != "Always" || minor < 28))
            {
                errors.Add(new(p + ".restartPolicy", $"'{restart}' is not supported for an init container on Kubernetes 1.{minor}"));
            }

            if (c.RestartPolicy != "Always" && (c.LivenessProbe is not null || c.ReadinessProbe is not null || c.StartupProbe is not null))
            {
                errors.Add(new(p, "an init container takes no probes"));
            }
        }

        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            var c = spec.Containers![i];
            var p = $"{path}.containers[{i}]";
            ContainerRules.Container(c, p, minor, volumes, names, hostPorts, errors);
            if (c.RestartPolicy is not null)
            {
                errors.Add(new(p + ".restartPolicy", "is only for init containers"));
            }
        }

        Dns(spec, path, minor, errors);
        if (spec.Hostname is { } hostname && !KubeNames.IsDnsLabel(hostname))
        {
            errors.Add(new(path + ".hostname", $"'{hostname}' is not a DNS-1123 label"));
        }

        if (spec.Subdomain is { } subdomain && !KubeNames.IsDnsLabel(subdomain))
        {
            errors.Add(new(path + ".subdomain", $"'{subdomain}' is not a DNS-1123 label"));
        }

        HashSet<string>? ips = spec.HostAliases is { Count: > 1 } ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < (spec.HostAliases?.Count ?? 0); i++)
        {
            var alias = spec.HostAliases![i];
            var p = $"{path}.hostAliases[{i}]";
            if (!KubeNames.IsIpAddress(alias.Ip))
            {
                errors.Add(new(p + ".ip", $"'{alias.Ip}' is not an IP address"));
            }
            else if (ips?.Add(alias.Ip) == false)
            {
                errors.Add(new(p + ".ip", $"'{alias.Ip}' is a duplicate"));
            }

            for (var j = 0; j < (alias.Hostnames?.Count ?? 0); j++)
            {
                if (!KubeNames.IsDnsSubdomain(alias.Hostnames![j]))
                {
                    errors.Add(new($"{p}.hostnames[{j}]", $"'{alias.Hostnames[j]}' is not a DNS-1123 subdomain"));
                }
            }
        }

        PodSecurity(spec.SecurityContext, path, errors);
        if (spec.ShareProcessNamespace == true && spec.HostPID == true)
        {
            errors.Add(new(path + ".shareProcessNamespace", "cannot be set with hostPID"));
        }

        FieldRules.NonNegative(spec.TerminationGracePeriodSeconds, path, ".terminationGracePeriodSeconds", errors);
        FieldRules.Positive(spec.ActiveDeadlineSeconds, path, ".activeDeadlineSeconds", errors);
        if (spec.ServiceAccountName is { } account && !KubeNames.IsDnsSubdomain(account))
        {
            errors.Add(new(path + ".serviceAccountName", $"'{account}' is not a DNS-1123 subdomain"));
        }

        for (var i = 0; i < (spec.ImagePullSecrets?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(spec.ImagePullSecrets![i].Name))
            {
                errors.Add(new($"{path}.imagePullSecrets[{i}].name", "is required"));
            }
        }

        MetadataRules.Labels(spec.NodeSelector, path, ".nodeSelector", errors);
        Scheduling(spec, path, errors);
    }

    private static bool HasHostPort(IList<V1Container>? containers)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            for (var j = 0; j < (containers![i].Ports?.Count ?? 0); j++)
            {
                if (containers[i].Ports[j].HostPort is { } port and not 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static void Dns(V1PodSpec spec, string path, int minor, List<FieldError> errors)
    {
        if (spec.DnsPolicy is { } policy && policy is not ("ClusterFirst" or "ClusterFirstWithHostNet" or "Default" or "None"))
        {
            errors.Add(new(path + ".dnsPolicy", $"'{policy}' is not a DNS policy"));
        }

        var config = spec.DnsConfig;
        if (spec.DnsPolicy == "None" && config?.Nameservers is not { Count: > 0 })
        {
            errors.Add(new(path + ".dnsConfig.nameservers", "at least one name server is required with dnsPolicy None"));
        }

        if (config is null)
        {
            return;
        }

        var p = path + ".dnsConfig";
        if (config.Nameservers?.Count > 3)
        {
            errors.Add(new(p + ".nameservers", $"{config.Nameservers.Count} name servers; at most 3"));
        }

        for (var i = 0; i < (config.Nameservers?.Count ?? 0); i++)
        {
            if (!KubeNames.IsIpAddress(config.Nameservers![i]))
            {
                errors.Add(new($"{p}.nameservers[{i}]", $"'{config.Nameservers[i]}' is not an IP address"));
            }
        }

        var (maxSearches, maxChars) = minor >= 28 ? (32, 2048) : (6, 256);
        var searches = config.Searches ?? [];
        if (searches.Count > maxSearches)
        {
            errors.Add(new(p + ".searches", $"{searches.Count} search domains; at most {maxSearches} on Kubernetes 1.{minor}"));
        }

        var chars = searches.Sum(s => s.Length) + Math.Max(0, searches.Count - 1);
        if (chars > maxChars)
        {
            errors.Add(new(p + ".searches", $"{chars} characters in the search list; at most {maxChars} on Kubernetes 1.{minor}"));
        }

        for (var i = 0; i < searches.Count; i++)
        {
            if (!KubeNames.IsDnsSearchDomain(searches[i]))
            {
                errors.Add(new($"{p}.searches[{i}]", $"'{searches[i]}' is not a DNS-1123 subdomain"));
            }
        }

        for (var i = 0; i < (config.Options?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(config.Options![i].Name))
            {
                errors.Add(new($"{p}.options[{i}].name", "is required"));
            }
        }
    }

    internal static void PodSecurity(V1PodSecurityContext? sc, string podPath, List<FieldError> errors)
    {
        if (sc is null)
        {
            return;
        }

        FieldRules.NonNegative(sc.RunAsUser, podPath, ".securityContext.runAsUser", errors);
        FieldRules.NonNegative(sc.RunAsGroup, podPath, ".securityContext.runAsGroup", errors);
        FieldRules.NonNegative(sc.FsGroup, podPath, ".securityContext.fsGroup", errors);
        if (sc.Sysctls is not { Count: > 0 })
        {
            return;
        }

        var path = podPath + ".securityContext";
        HashSet<string>? names = sc.Sysctls.Count > 1 ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < sc.Sysctls.Count; i++)
        {
            var name = sc.Sysctls[i].Name;
            if (!KubeNames.IsSysctlName(name))
            {
                errors.Add(new($"{path}.sysctls[{i}].name", $"'{name}' is not a sysctl name"));
            }
            else if (names?.Add(name) == false)
            {
                errors.Add(new($"{path}.sysctls[{i}].name", $"'{name}' is a duplicate"));
            }
        }
    }

    internal static void Scheduling(V1PodSpec spec, string path, List<FieldError> errors)
    {
        for (var i = 0; i < (spec.Tolerations?.Count ?? 0); i++)
        {
            var t = spec.Tolerations![i];
            if (!string.IsNullOrEmpty(t.Key) && !KubeNames.IsQualifiedName(t.Key))
            {
                errors.Add(new($"{path}.tolerations[{i}].key", $"'{t.Key}' is not a valid label key"));
            }

            if (t.OperatorProperty == "Exists" && !string.IsNullOrEmpty(t.Value))
            {
                errors.Add(new($"{path}.tolerations[{i}].value", "must be empty with operator Exists"));
            }
        }

        var spreads = new HashSet<(string, string)>();
        for (var i = 0; i < (spec.TopologySpreadConstraints?.Count ?? 0); i++)
        {
            var t = spec.TopologySpreadConstraints![i];
            if (t.MaxSkew < 1)
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}].maxSkew", "must be at least 1"));
            }

            if (!KubeNames.IsQualifiedName(t.TopologyKey))
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}].topologyKey", $"'{t.TopologyKey}' is not a valid label key"));
            }

            if (t.WhenUnsatisfiable is not ("DoNotSchedule" or "ScheduleAnyway"))
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}].whenUnsatisfiable", $"'{t.WhenUnsatisfiable}' is not DoNotSchedule or ScheduleAnyway"));
            }

            if (!spreads.Add((t.TopologyKey ?? string.Empty, t.WhenUnsatisfiable ?? string.Empty)))
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}]", "a duplicate of an earlier constraint (topologyKey and whenUnsatisfiable)"));
            }
        }

        var terms = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
        for (var i = 0; i < terms.Count; i++)
        {
            var p = $"{path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{i}]";
            for (var j = 0; j < (terms[i].MatchExpressions?.Count ?? 0); j++)
            {
                var r = terms[i].MatchExpressions![j];
                var rp = $"{p}.matchExpressions[{j}]";
                if (!KubeNames.IsQualifiedName(r.Key))
                {
                    errors.Add(new(rp + ".key", $"'{r.Key}' is not a valid label key"));
                }

                var values = r.Values?.Count ?? 0;
                var ok = r.OperatorProperty switch
                {
                    "In" or "NotIn" => values > 0,
                    "Exists" or "DoesNotExist" => values == 0,
                    "Gt" or "Lt" => values == 1 && long.TryParse(r.Values![0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                    _ => false,
                };
                if (!ok)
                {
                    errors.Add(new(rp + ".values", $"do not fit operator '{r.OperatorProperty}'"));
                }
            }
        }
    }
}
