using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// The fields of a container that set something for the whole pod (hostname, grace period, DNS, host aliases,
/// sysctls, pod annotations, log routing): added to <see cref="PodContributionsBuilder"/>, never to the pod itself.
/// </summary>
internal static class PodContributionMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var definition = plan.Definition;
        var path = plan.Path;
        var report = build.Report;

        if (definition.Hostname is not null)
        {
            MapHostname(report, plan, contributions);
        }

        if (definition.StopTimeout is { } stopTimeout)
        {
            contributions.ExtendGracePeriod(stopTimeout);
            report.Mapped(path + ".stopTimeout", "terminationGracePeriodSeconds (the largest over the containers: the grace period is per pod)");
        }

        report.AddIfSet(definition.StartTimeout, path, ".startTimeout", Disposition.Approximated, "Kubernetes has no timeout for a dependency to start; init containers and startup probes wait as long as their own limits allow");

        if (definition.DnsServers is not null || definition.DnsSearchDomains is not null)
        {
            MapDns(report, plan, contributions);
        }

        for (var i = 0; i < (definition.ExtraHosts?.Count ?? 0); i++)
        {
            MapExtraHost(build, definition.ExtraHosts![i], $"{path}.extraHosts[{i}]", contributions);
        }

        for (var i = 0; i < (definition.SystemControls?.Count ?? 0); i++)
        {
            MapSystemControl(build, definition.SystemControls![i], $"{path}.systemControls[{i}]", contributions);
        }

        if (definition.DockerLabels is not null)
        {
            MapDockerLabels(report, definition.DockerLabels, path + ".dockerLabels", contributions);
        }

        if (definition.LogConfiguration is { } logConfiguration)
        {
            MapLogConfiguration(report, plan, logConfiguration, contributions);
        }

        if (definition.FirelensConfiguration is { } fireLens)
        {
            var fireLensPath = path + ".firelensConfiguration";
            contributions.SetFireLens(plan.Name, AnnotationJson.FireLens(fireLens));
            const string where = "recorded in the " + WellKnownAnnotations.EcsPrefix + "firelens annotation; the log router container runs as defined, but nothing routes other containers' logs to it";
            report.AddIfSet(fireLens.Type, fireLensPath, ".type", Disposition.Approximated, where);
            report.AddIfSet(fireLens.Options, fireLensPath, ".options", Disposition.Approximated, where);
        }
    }

    private static void MapHostname(TranslationReport report, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var wanted = plan.Definition.Hostname!;
        var hostname = KubeNames.Sanitize(wanted.Split('.')[0], fallback: plan.Name);
        if (contributions.ClaimHostname(hostname))
        {
            report.Add(plan.Path + ".hostname", hostname == wanted ? Disposition.Mapped : Disposition.Approximated, hostname == wanted ? "pod hostname" : $"pod hostname {hostname} (a DNS-1123 label)");
        }
        else
        {
            report.Approximated(plan.Path + ".hostname", $"the hostname is per pod; {contributions.Hostname} from an earlier container is used");
        }
    }

    private static void MapDns(TranslationReport report, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var definition = plan.Definition;
        var path = plan.Path;
        var servers = ValidDnsEntries(report, definition.DnsServers, path + ".dnsServers", KubeNames.IsIpAddress, "is not an IP address");
        var searches = ValidDnsEntries(report, definition.DnsSearchDomains, path + ".dnsSearchDomains", KubeNames.IsDnsSearchDomain,
            "is not a DNS-1123 subdomain (lowercase labels of letters, digits and '-', joined by single dots)");
        var same = servers.SequenceEqual(contributions.DnsServers, StringComparer.Ordinal) && searches.SequenceEqual(contributions.DnsSearches, StringComparer.Ordinal);
        string reason;
        Disposition disposition;
        if (contributions.DnsOwner is null || same)
        {
            disposition = Disposition.Mapped;
            reason = "pod dnsConfig (dnsPolicy None when servers are given)";
        }
        else
        {
            disposition = Disposition.Approximated;
            reason = $"DNS settings are per pod: the union with {contributions.DnsOwner}'s is used";
        }

        contributions.AddDns(plan.Name, servers, searches);
        report.AddIfSet(definition.DnsServers, path, ".dnsServers", disposition, reason);
        report.AddIfSet(definition.DnsSearchDomains, path, ".dnsSearchDomains", disposition, reason);
    }

    private static void MapExtraHost(PodBuildState build, HostEntry host, string path, PodContributionsBuilder contributions)
    {
        if (string.IsNullOrEmpty(host.Hostname) || string.IsNullOrEmpty(host.IpAddress) || !KubeNames.IsIpAddress(host.IpAddress))
        {
            build.ReportAll(host, path, Disposition.Rejected, "an extra host needs a hostname and a valid IP address");
            return;
        }

        if (!KubeNames.IsDnsSubdomain(host.Hostname))
        {
            build.Report.Rejected(path + ".hostname", $"'{host.Hostname}' is not a DNS-1123 subdomain, which Kubernetes requires of a host alias");
            build.Report.Rejected(path + ".ipAddress", "belongs to an invalid host entry");
            return;
        }

        contributions.AddHostAlias(host.IpAddress, host.Hostname);
        build.Report.Mapped(path + ".hostname", "pod hostAliases (shared by all containers)");
        build.Report.Mapped(path + ".ipAddress", "pod hostAliases");
    }

    private static void MapSystemControl(PodBuildState build, SystemControl sysctl, string path, PodContributionsBuilder contributions)
    {
        if (string.IsNullOrEmpty(sysctl.Namespace))
        {
            build.ReportAll(sysctl, path, Disposition.Rejected, "a system control needs a name");
            return;
        }

        var minor = build.Context.Capabilities.KubernetesMinor;
        if (!Sysctls.IsSafe(sysctl.Namespace, minor) && !Sysctls.IsAllowed(sysctl.Namespace, build.Policy.AllowedUnsafeSysctls))
        {
            var clusterAllows = Sysctls.IsAllowed(sysctl.Namespace, build.Context.Cluster.Policy?.AllowedUnsafeSysctls);
            build.RefuseAll(sysctl, path,
                $"sysctl {sysctl.Namespace} is refused: Kubernetes 1.{minor} does not deem it safe (Pod Security baseline) and {build.PolicyCause("allowedUnsafeSysctls", clusterAllows)}");
            return;
        }

        var value = sysctl.Value ?? string.Empty;
        var existing = contributions.FindSysctl(sysctl.Namespace);
        if (existing is null)
        {
            contributions.AddSysctl(sysctl.Namespace, value);
            build.Report.Mapped(path + ".namespace", "pod securityContext.sysctls (unsafe sysctls need the kubelet's allow-list)");
        }
        else if (existing.Value == value)
        {
            build.Report.Mapped(path + ".namespace", "pod securityContext.sysctls");
        }
        else
        {
            build.Report.Approximated(path + ".namespace", $"sysctls are per pod: {existing.Name}={existing.Value} from an earlier container wins");
        }

        build.Report.AddIfSet(sysctl.Value, path, ".value", Disposition.Mapped);
    }

    private static void MapDockerLabels(TranslationReport report, Dictionary<string, string> labels, string path, PodContributionsBuilder contributions)
    {
        var changed = false;
        foreach (var (label, value) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var key = KubeNames.IsQualifiedName(label) ? label : WellKnownAnnotations.EcsPrefix + KubeNames.KeyName("docker-label." + label);
            changed |= key != label;
            if (contributions.TryGetAnnotation(key, out var existing) && existing != value)
            {
                changed = true;
                continue;
            }

            contributions.SetAnnotation(key, value ?? string.Empty);
        }

        report.Add(
            path,
            changed ? Disposition.Approximated : Disposition.Mapped,
            changed ? "pod annotations (per pod: invalid keys are renamed under " + WellKnownAnnotations.EcsPrefix + ", the first container's value wins on conflicts)" : "pod annotations (Kubernetes has no per-container labels)");
    }

    private static void MapLogConfiguration(TranslationReport report, ContainerPlan plan, LogConfiguration logConfiguration, PodContributionsBuilder contributions)
    {
        var path = plan.Path + ".logConfiguration";
        contributions.SetLogConfiguration(plan.Name, AnnotationJson.LogConfiguration(logConfiguration));
        const string where = "recorded in the " + WellKnownAnnotations.EcsPrefix + "log-configuration annotation; Kubernetes logs are collected per node, not by a per-container driver";
        report.AddIfSet(logConfiguration.LogDriver, path, ".logDriver", Disposition.Approximated, where);
        report.AddIfSet(logConfiguration.Options, path, ".options", Disposition.Approximated, where);

        for (var i = 0; i < (logConfiguration.SecretOptions?.Count ?? 0); i++)
        {
            var secretOption = logConfiguration.SecretOptions![i];
            var optionPath = $"{path}.secretOptions[{i}]";
            report.AddIfSet(secretOption.Name, optionPath, ".name", Disposition.Approximated, where + " (by reference only)");
            report.AddIfSet(secretOption.ValueFrom, optionPath, ".valueFrom", Disposition.Approximated, "the reference (never the value) is recorded in the annotation");
        }
    }

    /// <summary>The entries that pass <paramref name="valid"/>; each other one is rejected at its own path.</summary>
    private static List<string> ValidDnsEntries(TranslationReport report, List<string>? entries, string path, Func<string?, bool> valid, string why)
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
                report.Rejected($"{path}[{i}]", $"'{entries[i]}' {why}; the API server would refuse the pod");
            }
        }

        return kept;
    }
}
