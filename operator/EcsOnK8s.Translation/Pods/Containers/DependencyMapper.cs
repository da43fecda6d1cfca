namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// dependsOn → where each container runs. COMPLETE/SUCCESS targets become init containers (they must finish
/// first; SUCCESS is exactly init-container semantics, COMPLETE is approximated as SUCCESS). With native sidecars,
/// START/HEALTHY targets become init containers with restartPolicy Always, HEALTHY adding a startup probe from the
/// target's health check so the next container starts only once it is healthy. Without native sidecars they stay
/// ordinary containers listed before their dependents (the kubelet starts containers in order but does not wait).
/// A DAG is flattened in a stable topological order (ties by position in the task definition); cycles and
/// unknown names are rejected.
/// </summary>
internal static class DependencyMapper
{
    public static void Map(PodBuildState build)
    {
        var plans = build.Containers;
        var native = build.Context.Capabilities.NativeSidecars;
        var edges = new List<Edge>();
        foreach (var plan in plans)
        {
            var deps = plan.Definition.DependsOn;
            for (var k = 0; k < (deps?.Count ?? 0); k++)
            {
                var dep = deps![k];
                var path = $"{plan.Path}.dependsOn[{k}]";
                if (dep.ContainerName is null || !build.ContainersByEcsName.TryGetValue(dep.ContainerName, out var target))
                {
                    build.ReportAll(dep, path, Report.Disposition.Rejected, $"no container is named '{dep.ContainerName}'");
                    continue;
                }

                if (ReferenceEquals(target, plan))
                {
                    build.ReportAll(dep, path, Report.Disposition.Rejected, "a container cannot depend on itself");
                    continue;
                }

                if (dep.Condition is not ("START" or "COMPLETE" or "SUCCESS" or "HEALTHY"))
                {
                    build.ReportAll(dep, path, Report.Disposition.Rejected, $"unknown condition '{dep.Condition}' (START, COMPLETE, SUCCESS or HEALTHY)");
                    continue;
                }

                edges.Add(new Edge(plan, target, dep.Condition, path));
            }
        }

        if (edges.Count == 0)
        {
            // No dependencies: every container stays an ordinary one, in task-definition order.
            return;
        }

        var order = TopologicalOrder(plans, edges, out var cyclic);
        if (cyclic.Count > 0)
        {
            foreach (var e in edges.Where(e => cyclic.Contains(e.From) && cyclic.Contains(e.To)))
            {
                build.Report.Rejected(e.Path + ".condition", "part of a dependency cycle");
                build.Report.Rejected(e.Path + ".containerName", $"dependency cycle between {string.Join(", ", cyclic.OrderBy(p => p.Index).Select(p => p.Definition.Name))}");
            }

            edges.RemoveAll(e => cyclic.Contains(e.From) && cyclic.Contains(e.To));
        }

        // Roles: completion targets are init containers; start/health targets sidecars when the cluster can.
        foreach (var e in edges)
        {
            if (e.Condition is "COMPLETE" or "SUCCESS")
            {
                e.To.Role = ContainerRole.Init;
            }
        }

        if (native)
        {
            foreach (var e in edges)
            {
                if (e.Condition is "START" or "HEALTHY" && e.To.Role == ContainerRole.Main)
                {
                    e.To.Role = ContainerRole.Sidecar;
                }
            }
        }

        // A sidecar or init container must come before everything that depends on it, and init containers run
        // before all ordinary containers: an init container cannot wait for an ordinary one.
        var initOrder = order.Where(p => p.Role != ContainerRole.Main).ToList();
        var delayed = DelayedByOrder(initOrder, edges);

        foreach (var e in edges)
        {
            var condition = e.Path + ".condition";
            build.Report.Mapped(e.Path + ".containerName", $"{e.To.Name} runs first");
            if (e.From.Role != ContainerRole.Main && e.To.Role == ContainerRole.Main)
            {
                build.Report.Approximated(condition, $"{e.From.Name} has to be an init container and cannot wait for the ordinary container {e.To.Name}; the dependency is dropped");
                continue;
            }

            var note = delayed.TryGetValue(e.To, out var before)
                ? $"; init containers start one after another, so {e.To.Name} also waits for the unrelated {before.Name}"
                : string.Empty;
            switch (e.Condition)
            {
                case "SUCCESS":
                    build.Report.Add(condition, note.Length == 0 ? Report.Disposition.Mapped : Report.Disposition.Approximated, $"{e.To.Name} is an init container: it must exit 0 first{note}");
                    break;
                case "COMPLETE":
                    build.Report.Approximated(condition, $"{e.To.Name} is an init container: it must exit 0 first, where ECS accepts any exit code{note}");
                    break;
                case "START" when e.To.Role == ContainerRole.Sidecar:
                    build.Report.Add(condition, note.Length == 0 ? Report.Disposition.Mapped : Report.Disposition.Approximated, $"{e.To.Name} is a native sidecar (init container with restartPolicy Always), started first{note}");
                    break;
                case "HEALTHY" when e.To.Role == ContainerRole.Sidecar:
                    if (e.To.HealthProbe is null)
                    {
                        build.Report.Rejected(condition, $"HEALTHY needs a health check on {e.To.Definition.Name}, as in ECS");
                    }
                    else
                    {
                        build.Report.Add(condition, note.Length == 0 ? Report.Disposition.Mapped : Report.Disposition.Approximated, $"{e.To.Name} is a native sidecar whose startup probe (its health check) must pass first{note}");
                    }

                    break;
                case "START" or "HEALTHY" when e.To.Role == ContainerRole.Init:
                    build.Report.Approximated(condition, $"{e.To.Name} is an init container (another container needs it to complete), so it must finish, not just {(e.Condition == "START" ? "start" : "become healthy")}{note}");
                    break;
                default:
                    if (e.Condition == "HEALTHY" && e.To.HealthProbe is null)
                    {
                        build.Report.Rejected(condition, $"HEALTHY needs a health check on {e.To.Definition.Name}, as in ECS");
                        break;
                    }

                    build.Report.Approximated(condition, $"no native sidecars on Kubernetes 1.{build.Context.Capabilities.KubernetesMinor}: {e.To.Name} is listed before {e.From.Name}, but the kubelet does not wait for it to {(e.Condition == "START" ? "start" : "become healthy")}");
                    break;
            }
        }

        foreach (var plan in order)
        {
            switch (plan.Role)
            {
                case ContainerRole.Sidecar:
                    plan.Container.RestartPolicy = "Always";
                    if (edges.Any(e => e.To == plan && e.Condition == "HEALTHY"))
                    {
                        plan.Container.StartupProbe ??= ProbeMapper.StartupProbe(plan);
                    }

                    break;
                case ContainerRole.Init:
                    // Kubernetes refuses probes on ordinary init containers.
                    if (plan.Container.LivenessProbe is not null || plan.Container.ReadinessProbe is not null || plan.Container.StartupProbe is not null)
                    {
                        build.Report.Approximated(plan.Path + ".healthCheck", $"{plan.Name} runs as an init container, which takes no probes");
                    }

                    plan.Container.LivenessProbe = null;
                    plan.Container.ReadinessProbe = null;
                    plan.Container.StartupProbe = null;
                    break;
                default:
                    break;
            }
        }

        build.Containers.Clear();
        build.Containers.AddRange(order);
    }

    /// <summary>Stable Kahn order: among ready containers the one defined first goes first.</summary>
    private static List<ContainerPlan> TopologicalOrder(List<ContainerPlan> plans, List<Edge> edges, out HashSet<ContainerPlan> cyclic)
    {
        // Two dependsOn entries naming the same container are one dependency.
        var dependencies = new HashSet<(ContainerPlan From, ContainerPlan To)>();
        var pending = new Dictionary<ContainerPlan, int>(plans.Count);
        foreach (var plan in plans)
        {
            pending[plan] = 0;
        }

        foreach (var e in edges)
        {
            if (dependencies.Add((e.From, e.To)))
            {
                pending[e.From]++;
            }
        }

        var result = new List<ContainerPlan>(plans.Count);
        var done = new HashSet<ContainerPlan>();
        while (FirstReady(plans, done, pending) is { } next)
        {
            done.Add(next);
            result.Add(next);
            foreach (var (from, to) in dependencies)
            {
                if (to == next)
                {
                    pending[from]--;
                }
            }
        }

        cyclic = [];
        foreach (var plan in plans)
        {
            if (!done.Contains(plan))
            {
                // Containers caught in a cycle keep their task-definition order after the rest.
                cyclic.Add(plan);
                result.Add(plan);
            }
        }

        return result;
    }

    private static ContainerPlan? FirstReady(List<ContainerPlan> plans, HashSet<ContainerPlan> done, Dictionary<ContainerPlan, int> pending)
    {
        foreach (var plan in plans)
        {
            if (!done.Contains(plan) && pending[plan] == 0)
            {
                return plan;
            }
        }

        return null;
    }

    /// <summary>Init containers that wait for the one before them although they do not depend on it.</summary>
    private static Dictionary<ContainerPlan, ContainerPlan> DelayedByOrder(List<ContainerPlan> initOrder, List<Edge> edges)
    {
        var delayed = new Dictionary<ContainerPlan, ContainerPlan>();
        for (var i = 1; i < initOrder.Count; i++)
        {
            if (!DependsOn(initOrder[i], initOrder[i - 1], edges, []))
            {
                delayed[initOrder[i]] = initOrder[i - 1];
            }
        }

        return delayed;
    }

    private static bool DependsOn(ContainerPlan from, ContainerPlan to, List<Edge> edges, HashSet<ContainerPlan> seen)
    {
        if (!seen.Add(from))
        {
            return false;
        }

        return edges.Any(e => e.From == from && (e.To == to || DependsOn(e.To, to, edges, seen)));
    }

    private sealed record Edge(ContainerPlan From, ContainerPlan To, string Condition, string Path);
}
