namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// One container definition: its own scalar fields here, each other concern in its mapper (resources, dependencies and
/// mounts are mapped for all containers at once elsewhere).
/// </summary>
internal static class ContainerMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var d = plan.Definition;
        var c = plan.Container;
        var p = plan.Path;
        var r = s.Report;

        if (string.IsNullOrWhiteSpace(d.Image))
        {
            r.Rejected(p + ".image", "a container needs an image");
        }
        else
        {
            c.Image = d.Image;
            r.Mapped(p + ".image");
        }

        if (d.EntryPoint is not null)
        {
            c.Command = [.. d.EntryPoint];
            r.Mapped(p + ".entryPoint", "command (never split)");
        }

        if (d.Command is not null)
        {
            c.Args = [.. d.Command];
            r.Mapped(p + ".command", "args (never split)");
        }

        if (d.WorkingDirectory is not null)
        {
            c.WorkingDir = d.WorkingDirectory;
            r.Mapped(p + ".workingDirectory", "workingDir");
        }

        if (d.Interactive is not null)
        {
            c.Stdin = d.Interactive;
            r.Mapped(p + ".interactive", "stdin");
        }

        if (d.PseudoTerminal is not null)
        {
            c.Tty = d.PseudoTerminal;
            r.Mapped(p + ".pseudoTerminal", "tty");
        }

        if (d.Essential is not null)
        {
            if (d.Essential.Value)
            {
                r.Mapped(p + ".essential", "listed in the ecsonk8s.io/essential-containers annotation: the operator stops the task when it exits");
            }
            else
            {
                r.Approximated(p + ".essential", s.Context.RunToCompletion
                    ? "non-essential: its exit does not stop the task"
                    : "non-essential: Kubernetes restarts it when it exits, where ECS leaves it stopped");
            }
        }

        EnvironmentMapper.Map(s, plan);
        PortMapper.Map(s, plan);
        SecurityContextMapper.Map(s, plan, contributions);
        LinuxParametersMapper.Map(s, plan, contributions);
        ProbeMapper.Map(s, plan);
        PodContributionMapper.Map(s, plan, contributions);
        IgnoredFieldsMapper.Map(s, plan);
    }
}
