using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>The fields of a container that set something for the whole pod: hostname, grace period, DNS, host aliases, sysctls, pod annotations, log routing.</summary>
internal static class PodContributionMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var p = plan.Path;

        if (d.Hostname is not null)
        {
            var hostname = KubeNames.Sanitize(d.Hostname.Split('.')[0], fallback: plan.Name);
            if (s.Hostname is null)
            {
                s.Hostname = hostname;
                s.Report.Add(p + ".hostname", hostname == d.Hostname ? Report.Disposition.Mapped : Report.Disposition.Approximated, hostname == d.Hostname ? "pod hostname" : $"pod hostname {hostname} (a DNS-1123 label)");
            }
            else
            {
                s.Report.Approximated(p + ".hostname", $"the hostname is per pod; {s.Hostname} from an earlier container is used");
            }
        }

        if (d.StopTimeout is { } stop)
        {
            s.GracePeriod = Math.Max(s.GracePeriod ?? 0, stop);
            s.Report.Mapped(p + ".stopTimeout", "terminationGracePeriodSeconds (the largest over the containers: the grace period is per pod)");
        }

        if (d.StartTimeout is not null)
        {
            s.Report.Approximated(p + ".startTimeout", "Kubernetes has no timeout for a dependency to start; init containers and startup probes wait as long as their own limits allow");
        }

        if (d.DnsServers is not null || d.DnsSearchDomains is not null)
        {
            var servers = ValidDnsEntries(s, d.DnsServers, p + ".dnsServers", KubeNames.IsIpAddress, "is not an IP address");
            var searches = ValidDnsEntries(s, d.DnsSearchDomains, p + ".dnsSearchDomains", KubeNames.IsDnsSearchDomain,
                "is not a DNS-1123 subdomain (lowercase labels of letters, digits and '-', joined by single dots)");
            var same = servers.SequenceEqual(s.DnsServers, StringComparer.Ordinal) && searches.SequenceEqual(s.DnsSearches, StringComparer.Ordinal);
            string reason;
            Report.Disposition disposition;
            if (s.DnsOwner is null || same)
            {
                disposition = Report.Disposition.Mapped;
                reason = "pod dnsConfig (dnsPolicy None when servers are given)";
            }
            else
            {
                disposition = Report.Disposition.Approximated;
                reason = $"DNS settings are per pod: the union with {s.DnsOwner}'s is used";
            }

            s.DnsOwner ??= plan.Name;
            foreach (var server in servers.Where(x => !s.DnsServers.Contains(x)))
            {
                s.DnsServers.Add(server);
            }

            foreach (var search in searches.Where(x => !s.DnsSearches.Contains(x)))
            {
                s.DnsSearches.Add(search);
            }

            if (d.DnsServers is not null)
            {
                s.Report.Add(p + ".dnsServers", disposition, reason);
            }

            if (d.DnsSearchDomains is not null)
            {
                s.Report.Add(p + ".dnsSearchDomains", disposition, reason);
            }
        }

        for (var i = 0; i < (d.ExtraHosts?.Count ?? 0); i++)
        {
            var h = d.ExtraHosts![i];
            var path = $"{p}.extraHosts[{i}]";
            if (string.IsNullOrEmpty(h.Hostname) || string.IsNullOrEmpty(h.IpAddress) || !KubeNames.IsIpAddress(h.IpAddress))
            {
                s.ReportAll(h, path, Report.Disposition.Rejected, "an extra host needs a hostname and a valid IP address");
                continue;
            }

            if (!KubeNames.IsDnsSubdomain(h.Hostname))
            {
                s.Report.Rejected(path + ".hostname", $"'{h.Hostname}' is not a DNS-1123 subdomain, which Kubernetes requires of a host alias");
                s.Report.Rejected(path + ".ipAddress", "belongs to an invalid host entry");
                continue;
            }

            if (!s.HostAliases.TryGetValue(h.IpAddress, out var names))
            {
                s.HostAliases[h.IpAddress] = names = [];
            }

            if (!names.Contains(h.Hostname))
            {
                names.Add(h.Hostname);
            }

            s.Report.Mapped(path + ".hostname", "pod hostAliases (shared by all containers)");
            s.Report.Mapped(path + ".ipAddress", "pod hostAliases");
        }

        for (var i = 0; i < (d.SystemControls?.Count ?? 0); i++)
        {
            var sysctl = d.SystemControls![i];
            var path = $"{p}.systemControls[{i}]";
            if (string.IsNullOrEmpty(sysctl.Namespace))
            {
                s.ReportAll(sysctl, path, Report.Disposition.Rejected, "a system control needs a name");
                continue;
            }

            if (!Sysctls.IsSafe(sysctl.Namespace, s.Context.Capabilities.KubernetesMinor) && !Sysctls.IsAllowed(sysctl.Namespace, s.Policy.AllowedUnsafeSysctls))
            {
                s.ReportAll(sysctl, path, Report.Disposition.Rejected,
                    $"sysctl {sysctl.Namespace} is refused: Kubernetes 1.{s.Context.Capabilities.KubernetesMinor} does not deem it safe (Pod Security baseline) and EcsCluster {s.Context.ClusterName} spec.policy.allowedUnsafeSysctls does not list it");
                continue;
            }

            var existing = s.Sysctls.FirstOrDefault(x => x.Name == sysctl.Namespace);
            if (existing is null)
            {
                s.Sysctls.Add(new V1Sysctl { Name = sysctl.Namespace, Value = sysctl.Value ?? string.Empty });
                s.Report.Mapped(path + ".namespace", "pod securityContext.sysctls (unsafe sysctls need the kubelet's allow-list)");
            }
            else if (existing.Value == (sysctl.Value ?? string.Empty))
            {
                s.Report.Mapped(path + ".namespace", "pod securityContext.sysctls");
            }
            else
            {
                s.Report.Approximated(path + ".namespace", $"sysctls are per pod: {existing.Name}={existing.Value} from an earlier container wins");
            }

            if (sysctl.Value is not null)
            {
                s.Report.Mapped(path + ".value");
            }
        }

        if (d.DockerLabels is not null)
        {
            var changed = false;
            foreach (var (key, value) in d.DockerLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var k = KubeNames.IsQualifiedName(key) ? key : Api.WellKnownAnnotations.EcsPrefix + KubeNames.KeyName("docker-label." + key);
                changed |= k != key;
                if (s.Annotations.TryGetValue(k, out var existing) && existing != value)
                {
                    changed = true;
                    continue;
                }

                s.Annotations[k] = value ?? string.Empty;
            }

            s.Report.Add(
                p + ".dockerLabels",
                changed ? Report.Disposition.Approximated : Report.Disposition.Mapped,
                changed ? "pod annotations (per pod: invalid keys are renamed under " + Api.WellKnownAnnotations.EcsPrefix + ", the first container's value wins on conflicts)" : "pod annotations (Kubernetes has no per-container labels)");
        }

        if (d.LogConfiguration is { } log)
        {
            var lp = p + ".logConfiguration";
            s.LogConfigurations[plan.Name] = AnnotationJson.LogConfiguration(log);
            const string where = "recorded in the " + Api.WellKnownAnnotations.EcsPrefix + "log-configuration annotation; Kubernetes logs are collected per node, not by a per-container driver";
            if (log.LogDriver is not null)
            {
                s.Report.Approximated(lp + ".logDriver", where);
            }

            if (log.Options is not null)
            {
                s.Report.Approximated(lp + ".options", where);
            }

            for (var i = 0; i < (log.SecretOptions?.Count ?? 0); i++)
            {
                var so = log.SecretOptions![i];
                if (so.Name is not null)
                {
                    s.Report.Approximated($"{lp}.secretOptions[{i}].name", where + " (by reference only)");
                }

                if (so.ValueFrom is not null)
                {
                    s.Report.Approximated($"{lp}.secretOptions[{i}].valueFrom", "the reference (never the value) is recorded in the annotation");
                }
            }
        }

        if (d.FirelensConfiguration is { } fl)
        {
            var fp = p + ".firelensConfiguration";
            s.FireLens[plan.Name] = AnnotationJson.FireLens(fl);
            const string where = "recorded in the " + Api.WellKnownAnnotations.EcsPrefix + "firelens annotation; the log router container runs as defined, but nothing routes other containers' logs to it";
            if (fl.Type is not null)
            {
                s.Report.Approximated(fp + ".type", where);
            }

            if (fl.Options is not null)
            {
                s.Report.Approximated(fp + ".options", where);
            }
        }
    }

    /// <summary>The entries that pass <paramref name="valid"/>; each other one is rejected at its own path.</summary>
    private static List<string> ValidDnsEntries(PodBuildState s, List<string>? entries, string path, Func<string?, bool> valid, string why)
    {
        var kept = new List<string>(entries?.Count ?? 0);
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            if (valid(entries![i]))
            {
                kept.Add(entries[i]);
            }
            else
            {
                s.Report.Rejected($"{path}[{i}]", $"'{entries[i]}' {why}; the API server would refuse the pod");
            }
        }

        return kept;
    }
}
