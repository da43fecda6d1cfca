using System.Collections.ObjectModel;
using EcsOnK8s.Api;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods.Containers;
using EcsOnK8s.Translation.Pods.Resources;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// The pod template of a task definition revision (with RunTask overrides applied), and the objects it needs
/// beside it. Pure and deterministic. Every field of the task definition is recorded in the context's report;
/// when the report has rejections the template is still returned (for diagnostics) but must not be applied.
/// </summary>
public static class PodTemplateBuilder
{
    /// <summary>
    /// Reason recorded for a field that no rule handled. Tests assert it never appears: every field has a rule.
    /// </summary>
    public const string UnhandledReason = "not translated by this version of EcsOnK8s";

    private static readonly HashSet<string> ReadOnlyFields = new(StringComparer.Ordinal) { "deleteRequestedAt" };

    public static PodRenderResult Build(PodRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spec = OverrideApplier.Apply(context);
        var build = new PodBuildState(context, spec);

        TaskLevelMapper.Map(build);
        VolumeMapper.Map(build);
        PlanContainers(build);
        var contributions = new PodContributionsBuilder();
        foreach (var plan in build.Containers)
        {
            ContainerMapper.Map(build, plan, contributions);
        }

        MountMapper.Map(build);
        DependencyMapper.Map(build);
        ResourceMapper.Map(build);
        var template = Assemble(build, contributions.Build());
        RestrictedPodSecurity.Apply(build, template.Spec);
        AccountForTheRest(build);

        var containerNames = new Dictionary<string, string>(build.ContainersByEcsName.Count, StringComparer.Ordinal);
        foreach (var (ecsName, plan) in build.ContainersByEcsName)
        {
            containerNames[ecsName] = plan.Name;
        }

        return new PodRenderResult(template, build.Companions)
        {
            LaunchVolumes = build.LaunchVolumes.Count > 0 ? new Dictionary<string, string>(build.LaunchVolumes, StringComparer.Ordinal) : ReadOnlyDictionary<string, string>.Empty,
            ContainerNames = containerNames,
        };
    }

    private static void PlanContainers(PodBuildState build)
    {
        var names = new NameAllocator();
        var defs = build.Spec.ContainerDefinitions;
        if (defs is null || !defs.Any(definition => definition is not null))
        {
            build.Report.Rejected(build.Root + "containerDefinitions", "a task definition needs at least one container");
            return;
        }

        for (var i = 0; i < defs.Count; i++)
        {
            var definition = defs[i];
            if (definition is null)
            {
                continue;
            }

            var path = $"{build.Root}containerDefinitions[{i}]";

            if (string.IsNullOrEmpty(definition.Name))
            {
                build.Report.Rejected(path + ".name", "a container needs a name");
            }

            var ecsName = string.IsNullOrEmpty(definition.Name) ? $"container-{i}" : definition.Name;
            var name = names.Allocate(KubeNames.Sanitize(ecsName, fallback: $"container-{i}"));
            var plan = new ContainerPlan(i, definition, name, path);
            if (!build.ContainersByEcsName.TryAdd(ecsName, plan))
            {
                build.Report.Rejected(path + ".name", $"container name '{ecsName}' is used twice");
            }
            else if (definition.Name is not null)
            {
                build.Report.Add(
                    path + ".name",
                    name == definition.Name ? Report.Disposition.Mapped : Report.Disposition.Approximated,
                    name == definition.Name ? "container name" : $"container name {name} (a DNS-1123 label)");
            }

            build.Containers.Add(plan);
        }
    }

    private static V1PodTemplateSpec Assemble(PodBuildState build, PodContributions contributed)
    {
        var pod = build.Pod;
        var ctx = build.Context;
        pod.Containers = new List<V1Container>(build.Containers.Count);
        var init = new List<V1Container>();
        foreach (var plan in build.Containers)
        {
            (plan.Role == ContainerRole.Main ? pod.Containers : init).Add(plan.Container);
        }

        pod.InitContainers = init.Count > 0 ? init : null;
        if (pod.Containers.Count == 0 && build.Containers.Count > 0)
        {
            build.Report.Rejected(build.Root + "containerDefinitions", "every container is a dependency that runs first: nothing is left to run as the task itself");
        }

        pod.RestartPolicy = ctx.RunToCompletion ? "Never" : "Always";
        pod.Volumes = build.Volumes.Count > 0 ? build.Volumes : null;
        pod.TerminationGracePeriodSeconds = contributed.GracePeriod ?? 30;
        pod.Hostname = contributed.Hostname;

        if (contributed.HostAliases.Count > 0)
        {
            pod.HostAliases = [.. contributed.HostAliases];
        }

        var dnsServers = contributed.DnsServers;
        var dnsSearches = contributed.DnsSearches;
        if (dnsServers.Count > 0 || dnsSearches.Count > 0)
        {
            var maxSearches = ctx.Capabilities.KubernetesMinor >= 28 ? 32 : 6;
            if (dnsServers.Count > 3 || dnsSearches.Count > maxSearches)
            {
                foreach (var plan in build.Containers.Where(p => p.Definition.DnsServers is not null))
                {
                    build.Report.Approximated(plan.Path + ".dnsServers", $"Kubernetes takes at most 3 name servers and {maxSearches} search domains; the first ones are kept");
                }
            }

            pod.DnsConfig = new V1PodDNSConfig
            {
                Nameservers = dnsServers.Count > 0 ? dnsServers.Take(3).ToList() : null,
                Searches = dnsSearches.Count > 0 ? dnsSearches.Take(maxSearches).ToList() : null,
            };
            if (dnsServers.Count > 0)
            {
                pod.DnsPolicy = "None";
            }
        }

        if (contributed.Sysctls.Count > 0)
        {
            pod.SecurityContext ??= new V1PodSecurityContext();
            pod.SecurityContext.Sysctls = [.. contributed.Sysctls];
        }

        if (contributed.InitProcess)
        {
            if (pod.HostPID == true)
            {
                foreach (var plan in build.Containers.Where(p => p.Definition.LinuxParameters?.InitProcessEnabled == true))
                {
                    build.Report.Approximated(plan.Path + ".linuxParameters.initProcessEnabled", "with the host PID namespace the pod cannot share its own; no init process");
                }
            }
            else
            {
                pod.ShareProcessNamespace = true;
            }
        }

        var annotations = new Dictionary<string, string>(contributed.Annotations.Count + 4, StringComparer.Ordinal);
        foreach (var (key, value) in contributed.Annotations)
        {
            annotations[key] = value;
        }

        annotations[WellKnownAnnotations.TaskDefinition] = ctx.TaskDefinition.Identifier;
        var essential = new List<string>(build.Containers.Count);
        foreach (var plan in build.Containers)
        {
            if (plan.Role != ContainerRole.Init && plan.Essential)
            {
                essential.Add(plan.Name);
            }
        }

        if (essential.Count > 0)
        {
            annotations[PodAnnotations.EssentialContainers] = string.Join(',', essential);
        }

        if (contributed.LogConfigurations.Count > 0)
        {
            annotations[PodAnnotations.LogConfiguration] = AnnotationJson.Merge(contributed.LogConfigurations);
        }

        if (contributed.FireLens.Count > 0)
        {
            annotations[PodAnnotations.FireLens] = AnnotationJson.Merge(contributed.FireLens);
        }

        var labels = build.Labels;
        foreach (var (key, value) in ctx.Labels)
        {
            labels[key] = value;
        }

        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = labels,
                Annotations = annotations,
            },
            Spec = pod,
        };
    }

    /// <summary>A safety net: a field no rule reported is still named, so nothing is dropped silently.</summary>
    private static void AccountForTheRest(PodBuildState build)
    {
        // Walked under the task definition's path, the leaf paths are whole ones: asked for as they are, no prefix copy.
        foreach (var path in build.Report.Unreported(build.Spec, build.Root.TrimEnd('.')))
        {
            var field = path[(path.LastIndexOf('.') + 1)..];
            build.Report.Ignored(path, ReadOnlyFields.Contains(field) ? "read-only field of describe-task-definition output" : UnhandledReason);
        }
    }
}
