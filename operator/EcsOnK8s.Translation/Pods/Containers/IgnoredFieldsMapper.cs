using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>Container fields with no Kubernetes counterpart, or only a weaker one: links, networking switch, ulimits, credential specs, version consistency, restart policy.</summary>
internal static class IgnoredFieldsMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan)
    {
        var definition = plan.Definition;
        var containerPath = plan.Path;
        build.Report.AddIfSet(definition.Links, containerPath, ".links", Disposition.Ignored, "containers of a pod reach each other on localhost; link aliases are not created");

        if (definition.DisableNetworking is not null)
        {
            if (definition.DisableNetworking.Value)
            {
                build.Report.Approximated(containerPath + ".disableNetworking", "a container cannot leave the pod's network namespace; its networking stays on");
            }
            else
            {
                build.Report.Mapped(containerPath + ".disableNetworking", "networking on");
            }
        }

        if (definition.Ulimits is not null)
        {
            for (var i = 0; i < definition.Ulimits.Count; i++)
            {
                const string why = "Kubernetes has no per-container ulimits (kubernetes#3595): the node's container runtime defaults apply";
                build.Report.Ignored($"{containerPath}.ulimits[{i}]", why);
                var ulimit = definition.Ulimits[i];
                foreach (var (field, set) in new[] { ("name", ulimit.Name is not null), ("softLimit", ulimit.SoftLimit is not null), ("hardLimit", ulimit.HardLimit is not null) })
                {
                    if (set)
                    {
                        build.Report.Ignored($"{containerPath}.ulimits[{i}].{field}", why);
                    }
                }
            }
        }

        build.Report.AddIfSet(definition.CredentialSpecs, containerPath, ".credentialSpecs", Disposition.Ignored, "Windows gMSA credential specs are not supported");
        build.Report.AddIfSet(definition.VersionConsistency, containerPath, ".versionConsistency", Disposition.Ignored, "image digests are not resolved (that needs the registry); the tag is pulled as written");

        if (definition.RestartPolicy is { } restartPolicy)
        {
            var why = build.Context.RunToCompletion
                ? "containers of a task pod are not restarted (restartPolicy Never); ECS restart policies do not carry over"
                : "Kubernetes restarts every exited container of a service pod with back-off; ignored exit codes and the attempt period do not carry over";
            build.Report.AddIfSet(restartPolicy.Enabled, containerPath, ".restartPolicy.enabled", Disposition.Approximated, why);
            build.Report.AddIfSet(restartPolicy.IgnoredExitCodes, containerPath, ".restartPolicy.ignoredExitCodes", Disposition.Approximated, why);
            build.Report.AddIfSet(restartPolicy.RestartAttemptPeriod, containerPath, ".restartPolicy.restartAttemptPeriod", Disposition.Approximated, why);
        }
    }
}
