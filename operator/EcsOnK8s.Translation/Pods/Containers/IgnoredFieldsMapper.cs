namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>Container fields with no Kubernetes counterpart, or only a weaker one: links, networking switch, ulimits, credential specs, version consistency, restart policy.</summary>
internal static class IgnoredFieldsMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var p = plan.Path;
        if (d.Links is not null)
        {
            s.Report.Ignored(p + ".links", "containers of a pod reach each other on localhost; link aliases are not created");
        }

        if (d.DisableNetworking is not null)
        {
            if (d.DisableNetworking.Value)
            {
                s.Report.Approximated(p + ".disableNetworking", "a container cannot leave the pod's network namespace; its networking stays on");
            }
            else
            {
                s.Report.Mapped(p + ".disableNetworking", "networking on");
            }
        }

        if (d.Ulimits is not null)
        {
            for (var i = 0; i < d.Ulimits.Count; i++)
            {
                const string why = "Kubernetes has no per-container ulimits (kubernetes#3595): the node's container runtime defaults apply";
                s.Report.Ignored($"{p}.ulimits[{i}]", why);
                var u = d.Ulimits[i];
                foreach (var (field, set) in new[] { ("name", u.Name is not null), ("softLimit", u.SoftLimit is not null), ("hardLimit", u.HardLimit is not null) })
                {
                    if (set)
                    {
                        s.Report.Ignored($"{p}.ulimits[{i}].{field}", why);
                    }
                }
            }
        }

        if (d.CredentialSpecs is not null)
        {
            s.Report.Ignored(p + ".credentialSpecs", "Windows gMSA credential specs are not supported");
        }

        if (d.VersionConsistency is not null)
        {
            s.Report.Ignored(p + ".versionConsistency", "image digests are not resolved (that needs the registry); the tag is pulled as written");
        }

        if (d.RestartPolicy is { } rp)
        {
            var why = s.Context.RunToCompletion
                ? "containers of a task pod are not restarted (restartPolicy Never); ECS restart policies do not carry over"
                : "Kubernetes restarts every exited container of a service pod with back-off; ignored exit codes and the attempt period do not carry over";
            if (rp.Enabled is not null)
            {
                s.Report.Approximated(p + ".restartPolicy.enabled", why);
            }

            if (rp.IgnoredExitCodes is not null)
            {
                s.Report.Approximated(p + ".restartPolicy.ignoredExitCodes", why);
            }

            if (rp.RestartAttemptPeriod is not null)
            {
                s.Report.Approximated(p + ".restartPolicy.restartAttemptPeriod", why);
            }
        }
    }
}
