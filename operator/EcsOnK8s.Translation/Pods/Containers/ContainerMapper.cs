using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// One container definition: its own scalar fields here, each other concern in its mapper (resources, dependencies and
/// mounts are mapped for all containers at once elsewhere).
/// </summary>
internal static class ContainerMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan, PodContributionsBuilder contributions)
    {
        var definition = plan.Definition;
        var container = plan.Container;
        var containerPath = plan.Path;
        var report = build.Report;

        if (string.IsNullOrWhiteSpace(definition.Image))
        {
            report.Rejected(containerPath + ".image", "a container needs an image");
        }
        else
        {
            container.Image = definition.Image;
            report.Mapped(containerPath + ".image");
        }

        if (definition.EntryPoint is not null)
        {
            container.Command = [.. definition.EntryPoint];
            report.Mapped(containerPath + ".entryPoint", "command (never split)");
        }

        if (definition.Command is not null)
        {
            container.Args = [.. definition.Command];
            report.Mapped(containerPath + ".command", "args (never split)");
        }

        container.WorkingDir = report.AddIfSet(definition.WorkingDirectory, containerPath, ".workingDirectory", Disposition.Mapped, "workingDir");

        container.Stdin = report.AddIfSet(definition.Interactive, containerPath, ".interactive", Disposition.Mapped, "stdin");

        container.Tty = report.AddIfSet(definition.PseudoTerminal, containerPath, ".pseudoTerminal", Disposition.Mapped, "tty");

        if (definition.Essential is not null)
        {
            if (definition.Essential.Value)
            {
                report.Mapped(containerPath + ".essential", "listed in the ecsonk8s.io/essential-containers annotation: the operator stops the task when it exits");
            }
            else
            {
                report.Approximated(containerPath + ".essential", build.Context.RunToCompletion
                    ? "non-essential: its exit does not stop the task"
                    : "non-essential: Kubernetes restarts it when it exits, where ECS leaves it stopped");
            }
        }

        EnvironmentMapper.Map(build, plan);
        PortMapper.Map(build, plan);
        SecurityContextMapper.Map(build, plan, contributions);
        LinuxParametersMapper.Map(build, plan, contributions);
        ProbeMapper.Map(build, plan);
        PodContributionMapper.Map(build, plan, contributions);
        IgnoredFieldsMapper.Map(build, plan);
    }
}
