using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.ClusterQueries;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// Where a workload's tasks run: capacity providers (launchType, capacityProviderStrategy, the cluster's default
/// strategy) and the workload-level placement constraints and strategies, applied to a pod spec.
/// </summary>
public static class WorkloadScheduling
{
    private static readonly HashSet<string> AwsProviders = new(StringComparer.Ordinal) { "FARGATE", "FARGATE_SPOT", "EC2", "EXTERNAL" };

    /// <summary>
    /// Splits <paramref name="count"/> over the providers the workload asks for. Rejections (unknown provider,
    /// both launchType and strategy, several bases) go to the report; the result is then empty.
    /// </summary>
    public static IReadOnlyList<ProviderShare> ResolveProviders(
        string? launchType,
        IReadOnlyList<CapacityProviderStrategyItem>? strategy,
        EcsClusterSpec cluster,
        int count,
        string prefix,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(report);
        var declared = cluster.CapacityProviders ?? [];
        if (launchType is not null && strategy is { Count: > 0 })
        {
            report.Rejected($"{prefix}launchType", "launchType and capacityProviderStrategy are mutually exclusive (as in ECS)");
            report.Rejected($"{prefix}capacityProviderStrategy", "launchType and capacityProviderStrategy are mutually exclusive (as in ECS)");
            return [];
        }

        if (launchType is not null)
        {
            var provider = declared.FirstOrDefault(p => p.Name == launchType);
            if (provider is not null)
            {
                report.Mapped($"{prefix}launchType", $"runs on the cluster's capacity provider '{launchType}' (its nodeSelector, tolerations and affinity)");
                return [new ProviderShare(launchType, provider, count)];
            }

            report.Approximated($"{prefix}launchType", $"the cluster declares no capacity provider '{launchType}': default Kubernetes scheduling");
            return [new ProviderShare(null, null, count)];
        }

        var path = $"{prefix}capacityProviderStrategy";
        var items = strategy;
        if (items is not { Count: > 0 })
        {
            items = cluster.DefaultCapacityProviderStrategy;
            path = string.Empty;
            if (items is not { Count: > 0 })
            {
                return [new ProviderShare(null, null, count)];
            }
        }

        var ok = true;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var resolved = new List<(string Name, CapacityProvider? Provider)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemPath = path.Length == 0 ? $"{prefix}capacityProviderStrategy" : $"{path}[{i}]";
            var name = item.CapacityProvider;
            if (string.IsNullOrEmpty(name))
            {
                report.Rejected(itemPath, "capacityProvider is required");
                ok = false;
                continue;
            }

            if (!names.Add(name))
            {
                report.Rejected(itemPath, $"capacity provider '{name}' is listed twice");
                ok = false;
                continue;
            }

            var provider = declared.FirstOrDefault(p => p.Name == name);
            if (provider is null && !AwsProviders.Contains(name))
            {
                report.Rejected(itemPath, $"capacity provider '{name}' is not declared in the EcsCluster's capacityProviders");
                ok = false;
                continue;
            }

            if (path.Length > 0)
            {
                report.Add(
                    itemPath,
                    provider is null ? Disposition.Approximated : Disposition.Mapped,
                    provider is null
                        ? $"the cluster declares no capacity provider '{name}': its share of the tasks gets default Kubernetes scheduling"
                        : $"a share of the tasks runs with capacity provider '{name}''s scheduling constraints (base first, then by weight)");
            }

            resolved.Add((name, provider));
        }

        if (items.Count(i => i.Base is > 0) > 1)
        {
            report.Rejected(path.Length == 0 ? $"{prefix}capacityProviderStrategy" : path, "only one capacity provider in a strategy can have a base (as in ECS)");
            ok = false;
        }

        if (items.Count > 1 && items.All(i => (i.Weight ?? 0) == 0))
        {
            report.Rejected(path.Length == 0 ? $"{prefix}capacityProviderStrategy" : path, "with several capacity providers at least one needs a weight greater than 0 (as in ECS)");
            ok = false;
        }

        if (!ok)
        {
            return [];
        }

        var counts = CapacityProviderSplit.Split(count, items.Select(i => (i.Base ?? 0, i.Weight ?? 0)).ToList());
        return resolved.Select((r, i) => new ProviderShare(r.Name, r.Provider, counts[i])).ToList();
    }

    /// <summary>Adds a provider's constraints to a pod spec. A nodeSelector key that conflicts is rejected.</summary>
    public static void ApplyProvider(V1PodSpec pod, CapacityProvider provider, string path, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(report);
        if (provider.NodeSelector is { Count: > 0 })
        {
            pod.NodeSelector ??= new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in provider.NodeSelector.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (pod.NodeSelector.TryGetValue(key, out var existing) && existing != value)
                {
                    report.Rejected(path, $"capacity provider '{provider.Name}' selects {key}={value} but the task definition needs {key}={existing}: no node could run the task");
                    continue;
                }

                pod.NodeSelector[key] = value;
            }
        }

        if (provider.Tolerations is { Count: > 0 })
        {
            pod.Tolerations = [.. pod.Tolerations ?? [], .. provider.Tolerations];
        }

        if (provider.Affinity is not null)
        {
            MergeAffinity(pod, provider.Affinity);
        }

        if (!string.IsNullOrEmpty(provider.PriorityClassName))
        {
            pod.PriorityClassName = provider.PriorityClassName;
        }

        if (!string.IsNullOrEmpty(provider.RuntimeClassName))
        {
            pod.RuntimeClassName = provider.RuntimeClassName;
        }
    }

    /// <summary>
    /// The workload's placementConstraints and placementStrategy (services and tasks; the task definition's own
    /// constraints are in the pod template already and are ANDed with these).
    /// </summary>
    public static void ApplyPlacement(
        V1PodSpec pod,
        IReadOnlyList<PlacementConstraint>? constraints,
        IReadOnlyList<PlacementStrategy>? strategies,
        IReadOnlyDictionary<string, string> selector,
        string prefix,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(report);
        for (var i = 0; i < (constraints?.Count ?? 0); i++)
        {
            var c = constraints![i];
            var path = $"{prefix}placementConstraints[{i}]";
            switch (c.Type)
            {
                case "distinctInstance":
                    pod.Affinity ??= new V1Affinity();
                    pod.Affinity.PodAntiAffinity ??= new V1PodAntiAffinity();
                    pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution ??= [];
                    pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution.Add(new V1PodAffinityTerm
                    {
                        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(selector) },
                        TopologyKey = "kubernetes.io/hostname",
                    });
                    report.Mapped(path, "required pod anti-affinity on kubernetes.io/hostname: at most one task per node");
                    if (!string.IsNullOrEmpty(c.Expression))
                    {
                        report.Ignored($"{path}.expression", "distinctInstance takes no expression");
                    }

                    break;
                case "memberOf":
                    if (string.IsNullOrWhiteSpace(c.Expression))
                    {
                        report.Rejected(path, "memberOf needs an expression");
                        break;
                    }

                    var terms = MemberOfExpression.Translate(c.Expression, $"{path}.expression", report);
                    if (terms is not null)
                    {
                        AndNodeTerms(pod, terms.ToList());
                        report.Mapped(path, "required node affinity, ANDed with the task definition's constraints");
                    }
                    else
                    {
                        report.Rejected(path, "the memberOf expression cannot be translated (see expression)");
                    }

                    break;
                default:
                    report.Rejected(path, $"placement constraint type '{c.Type}' is not distinctInstance or memberOf");
                    break;
            }
        }

        for (var i = 0; i < (strategies?.Count ?? 0); i++)
        {
            var s = strategies![i];
            var path = $"{prefix}placementStrategy[{i}]";
            switch (s.Type)
            {
                case "random":
                    report.Mapped(path, "the Kubernetes scheduler's default spreading");
                    break;
                case "binpack":
                    report.Approximated(path, $"binpack on {s.Field ?? "memory"} is a cluster-wide scheduler setting in Kubernetes (NodeResourcesFit with MostAllocated), not a per-workload one: default scheduling");
                    break;
                case "spread":
                    var (key, note) = SpreadKey(s.Field);
                    if (key is null)
                    {
                        report.Rejected(path, $"spread needs a field (instanceId, host or attribute:NAME), got '{s.Field}'");
                        break;
                    }

                    AddSpread(pod, key, selector);
                    report.Add(path, note is null ? Disposition.Mapped : Disposition.Approximated, note ?? $"topologySpreadConstraints on {key} (maxSkew 1, ScheduleAnyway: ECS spreads on a best-effort basis)");
                    break;
                default:
                    report.Rejected(path, $"placement strategy type '{s.Type}' is not random, spread or binpack");
                    break;
            }
        }
    }

    /// <summary>Adds a best-effort spread over <paramref name="key"/> unless one is there already.</summary>
    public static void AddSpread(V1PodSpec pod, string key, IReadOnlyDictionary<string, string> selector)
    {
        ArgumentNullException.ThrowIfNull(pod);
        pod.TopologySpreadConstraints ??= [];
        if (pod.TopologySpreadConstraints.Any(t => t.TopologyKey == key))
        {
            return;
        }

        pod.TopologySpreadConstraints.Add(new V1TopologySpreadConstraint
        {
            MaxSkew = 1,
            TopologyKey = key,
            WhenUnsatisfiable = "ScheduleAnyway",
            LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(selector) },
        });
    }

    /// <summary>ANDs node selector terms into the pod's required node affinity: the cross product of both term lists.</summary>
    public static void AndNodeTerms(V1PodSpec pod, IReadOnlyList<V1NodeSelectorTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return;
        }

        pod.Affinity ??= new V1Affinity();
        pod.Affinity.NodeAffinity ??= new V1NodeAffinity();
        var required = pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required?.NodeSelectorTerms is not { Count: > 0 } existing)
        {
            pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms = terms.Select(Copy).ToList(),
            };
            return;
        }

        var product = new List<V1NodeSelectorTerm>(existing.Count * terms.Count);
        foreach (var a in existing)
        {
            foreach (var b in terms)
            {
                product.Add(new V1NodeSelectorTerm
                {
                    MatchExpressions = Concat(a.MatchExpressions, b.MatchExpressions),
                    MatchFields = Concat(a.MatchFields, b.MatchFields),
                });
            }
        }

        required.NodeSelectorTerms = product;
    }

    private static void MergeAffinity(V1PodSpec pod, V1Affinity extra)
    {
        if (extra.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms is { Count: > 0 } terms)
        {
            AndNodeTerms(pod, terms.ToList());
        }

        if (extra.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 } preferred)
        {
            pod.Affinity ??= new V1Affinity();
            pod.Affinity.NodeAffinity ??= new V1NodeAffinity();
            pod.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution =
                [.. pod.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [], .. preferred];
        }

        if (extra.PodAffinity is { } podAffinity)
        {
            pod.Affinity ??= new V1Affinity();
            pod.Affinity.PodAffinity ??= new V1PodAffinity();
            pod.Affinity.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution =
                Concat(pod.Affinity.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution, podAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
            pod.Affinity.PodAffinity.PreferredDuringSchedulingIgnoredDuringExecution =
                Concat(pod.Affinity.PodAffinity.PreferredDuringSchedulingIgnoredDuringExecution, podAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        }

        if (extra.PodAntiAffinity is { } anti)
        {
            pod.Affinity ??= new V1Affinity();
            pod.Affinity.PodAntiAffinity ??= new V1PodAntiAffinity();
            pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution =
                Concat(pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution, anti.RequiredDuringSchedulingIgnoredDuringExecution);
            pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution =
                Concat(pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution, anti.PreferredDuringSchedulingIgnoredDuringExecution);
        }
    }

    private static (string? Key, string? Note) SpreadKey(string? field)
    {
        if (field is null)
        {
            return (null, null);
        }

        if (field is "instanceId" or "host")
        {
            return ("kubernetes.io/hostname", null);
        }

        if (!field.StartsWith("attribute:", StringComparison.Ordinal) || field.Length == "attribute:".Length)
        {
            return (null, null);
        }

        var attribute = field["attribute:".Length..];
        return attribute switch
        {
            "ecs.availability-zone" => ("topology.kubernetes.io/zone", null),
            "ecs.instance-type" => ("node.kubernetes.io/instance-type", null),
            "ecs.os-type" => ("kubernetes.io/os", null),
            "ecs.cpu-architecture" => ("kubernetes.io/arch", null),
            _ when KubeNames.IsQualifiedName(attribute) => (attribute, $"spread over the node label '{attribute}' (nodes must carry the custom attribute as a label)"),
            _ => (null, null),
        };
    }

    private static V1NodeSelectorTerm Copy(V1NodeSelectorTerm term) => new()
    {
        MatchExpressions = term.MatchExpressions?.ToList(),
        MatchFields = term.MatchFields?.ToList(),
    };

    private static List<T>? Concat<T>(IList<T>? a, IList<T>? b) =>
        a is null && b is null ? null : [.. a ?? [], .. b ?? []];
}
