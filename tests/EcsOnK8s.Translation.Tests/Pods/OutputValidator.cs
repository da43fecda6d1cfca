using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Units;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Tests.Pods;

/// <summary>The Kubernetes validation rules a rendered pod template must pass: names, quantities, ports, probes.</summary>
internal static class OutputValidator
{
    public static List<string> Problems(PodRenderResult result)
    {
        var problems = new List<string>();
        var template = result.Template;
        var pod = template.Spec;

        foreach (var (key, value) in template.Metadata.Labels ?? new Dictionary<string, string>())
        {
            Check(KubeNames.IsQualifiedName(key), $"label key {key}");
            Check(KubeNames.IsLabelValue(value), $"label value {value}");
        }

        foreach (var key in (template.Metadata.Annotations ?? new Dictionary<string, string>()).Keys)
        {
            Check(KubeNames.IsQualifiedName(key), $"annotation key {key}");
        }

        var all = pod.Containers.Concat(pod.InitContainers ?? []).ToList();
        Check(pod.Containers.Count > 0 || all.Count == 0, "no containers");
        Check(all.Select(c => c.Name).Distinct().Count() == all.Count, "duplicate container names");
        var volumes = (pod.Volumes ?? []).Select(v => v.Name).ToList();
        Check(volumes.Distinct().Count() == volumes.Count, "duplicate volume names");
        foreach (var v in volumes)
        {
            Check(KubeNames.IsDnsLabel(v), $"volume name {v}");
        }

        var portNames = new List<string>();
        foreach (var c in all)
        {
            Check(KubeNames.IsDnsLabel(c.Name), $"container name {c.Name}");
            foreach (var p in c.Ports ?? [])
            {
                Check(p.ContainerPort is >= 1 and <= 65535, $"port {p.ContainerPort}");
                Check(p.HostPort is null or (>= 1 and <= 65535), $"host port {p.HostPort}");
                Check(p.Protocol is "TCP" or "UDP", $"protocol {p.Protocol}");
                if (p.Name is not null)
                {
                    Check(KubeNames.IsPortName(p.Name), $"port name {p.Name}");
                    portNames.Add(p.Name);
                }
            }

            foreach (var q in (c.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>()).Concat(c.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>()))
            {
                Check(Quantities.IsValid(q.Value.ToString()), $"quantity {q.Key}={q.Value}");
            }

            if (c.Resources?.Requests is { } req && c.Resources.Limits is { } lim)
            {
                foreach (var (name, request) in req)
                {
                    if (lim.TryGetValue(name, out var limit))
                    {
                        Check(request.ToDecimal() <= limit.ToDecimal(), $"{c.Name} requests more {name} than its limit");
                    }
                }
            }

            foreach (var probe in new[] { c.LivenessProbe, c.ReadinessProbe, c.StartupProbe }.Where(p => p is not null))
            {
                Check(probe!.PeriodSeconds >= 1 && probe.TimeoutSeconds >= 1 && probe.FailureThreshold >= 1 && probe.SuccessThreshold == 1, $"probe of {c.Name}");
                Check(probe.Exec?.Command?.Count > 0, $"probe command of {c.Name}");
            }

            foreach (var m in c.VolumeMounts ?? [])
            {
                Check(volumes.Contains(m.Name), $"{c.Name} mounts unknown volume {m.Name}");
            }

            Check((c.VolumeMounts ?? []).Select(m => m.MountPath).Distinct().Count() == (c.VolumeMounts?.Count ?? 0), $"{c.Name} mounts twice at one path");
        }

        Check(portNames.Distinct().Count() == portNames.Count, "duplicate port names in the pod");
        Check(pod.Hostname is null || KubeNames.IsDnsLabel(pod.Hostname), $"hostname {pod.Hostname}");
        Check(pod.TerminationGracePeriodSeconds >= 0, "grace period");
        Check(pod.DnsPolicy != "None" || pod.DnsConfig?.Nameservers?.Count is >= 1 and <= 3, "dnsPolicy None without name servers");
        Check(!(pod.ShareProcessNamespace == true && pod.HostPID == true), "shareProcessNamespace with hostPID");
        foreach (var term in pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [])
        {
            Check(term.MatchExpressions?.Count > 0, "empty node selector term");
            foreach (var r in term.MatchExpressions ?? [])
            {
                Check(KubeNames.IsQualifiedName(r.Key), $"node selector key {r.Key}");
                Check(r.OperatorProperty is "In" or "NotIn" ? r.Values?.Count > 0 : r.OperatorProperty is "Exists" or "DoesNotExist" ? r.Values is null : r.Values?.Count == 1, $"node selector values of {r.Key}");
            }
        }

        foreach (var companion in result.Companions)
        {
            Check(KubeNames.IsDnsSubdomain(companion.Metadata.Name), $"{companion.Kind} name {companion.Metadata.Name}");
            Check(!string.IsNullOrEmpty(companion.ApiVersion) && !string.IsNullOrEmpty(companion.Kind), "companion type");
            if (companion is V1PersistentVolumeClaim claim)
            {
                Check(Quantities.IsValid(claim.Spec.Resources.Requests["storage"].ToString()), "claim size");
            }
        }

        return problems;

        void Check(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }
    }

    public static string Yaml(PodRenderResult r) => KubernetesYaml.Serialize(r.Template);
}
