using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;
using k8s;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// RunTask overrides, applied to a copy of the task definition before rendering: container command, environment
/// (merged by name: an override replaces a variable of the same name, new ones are appended), environment files
/// (appended), cpu, memory, memoryReservation and resourceRequirements (replaced); task cpu, memory, task and
/// execution roles and ephemeral storage (replaced). Reported under <see cref="PodRenderContext.OverridesPath"/>.
/// </summary>
internal static class OverrideApplier
{
    public static EcsTaskDefinitionSpec Apply(PodRenderContext context)
    {
        var spec = context.TaskDefinition.Spec;
        if (context.Overrides is not { } overrides)
        {
            return spec;
        }

        // A deep copy: the resolved revision is shared and must not change.
        var copy = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(KubernetesJson.Serialize(spec));
        var report = context.Report;
        var overridesPath = context.OverridesPath;

        if (overrides.Cpu is not null)
        {
            copy.Cpu = overrides.Cpu;
            report.Mapped(overridesPath + ".cpu", "replaces the task cpu");
        }

        if (overrides.Memory is not null)
        {
            copy.Memory = overrides.Memory;
            report.Mapped(overridesPath + ".memory", "replaces the task memory");
        }

        if (overrides.TaskRoleArn is not null)
        {
            copy.TaskRoleArn = overrides.TaskRoleArn;
            report.Mapped(overridesPath + ".taskRoleArn", "replaces the task role");
        }

        if (overrides.ExecutionRoleArn is not null)
        {
            copy.ExecutionRoleArn = overrides.ExecutionRoleArn;
            report.Mapped(overridesPath + ".executionRoleArn", "replaces the execution role");
        }

        if (overrides.EphemeralStorage?.SizeInGiB is not null)
        {
            copy.EphemeralStorage = new EphemeralStorage { SizeInGiB = overrides.EphemeralStorage.SizeInGiB };
            report.Mapped(overridesPath + ".ephemeralStorage.sizeInGiB", "replaces the task's ephemeral storage");
        }

        for (var i = 0; i < (overrides.InferenceAcceleratorOverrides?.Count ?? 0); i++)
        {
            var accelerator = overrides.InferenceAcceleratorOverrides![i];
            const string why = "Elastic Inference accelerators are retired and have no Kubernetes counterpart";
            var acceleratorPath = $"{overridesPath}.inferenceAcceleratorOverrides[{i}]";
            report.Rejected(acceleratorPath, why);
            report.AddIfSet(accelerator.DeviceName, acceleratorPath, ".deviceName", Disposition.Rejected, why);
            report.AddIfSet(accelerator.DeviceType, acceleratorPath, ".deviceType", Disposition.Rejected, why);
        }

        for (var i = 0; i < (overrides.ContainerOverrides?.Count ?? 0); i++)
        {
            var containerOverride = overrides.ContainerOverrides![i];
            var path = $"{overridesPath}.containerOverrides[{i}]";
            var target = copy.ContainerDefinitions?.FirstOrDefault(c => c?.Name is not null && c.Name == containerOverride.Name);
            if (target is null)
            {
                report.Rejected(path + ".name", $"the task definition has no container named '{containerOverride.Name}'");
                report.AddLeaves(containerOverride, path, Disposition.Rejected, "belongs to an override of an unknown container", RejectionKind.Unsupported);

                continue;
            }

            report.Mapped(path + ".name");
            if (containerOverride.Command is not null)
            {
                target.Command = [.. containerOverride.Command];
                report.Mapped(path + ".command", "replaces the container's command (args)");
            }

            for (var k = 0; k < (containerOverride.Environment?.Count ?? 0); k++)
            {
                var variable = containerOverride.Environment![k];
                target.Environment ??= [];
                var existing = target.Environment.FindIndex(x => x.Name == variable.Name);
                var pair = new NameValuePair { Name = variable.Name, Value = variable.Value };
                if (existing >= 0)
                {
                    target.Environment[existing] = pair;
                }
                else
                {
                    target.Environment.Add(pair);
                }

                var variablePath = $"{path}.environment[{k}]";
                report.AddIfSet(variable.Name, variablePath, ".name", Disposition.Mapped, "merged into the environment by name");
                report.AddIfSet(variable.Value, variablePath, ".value", Disposition.Mapped);
            }

            for (var k = 0; k < (containerOverride.EnvironmentFiles?.Count ?? 0); k++)
            {
                var file = containerOverride.EnvironmentFiles![k];
                target.EnvironmentFiles ??= [];
                target.EnvironmentFiles.Add(new EnvironmentFile { Type = file.Type, Value = file.Value });
                var filePath = $"{path}.environmentFiles[{k}]";
                report.AddIfSet(file.Value, filePath, ".value", Disposition.Approximated, "appended to the container's environment files (ConfigMaps you create)");
                report.AddIfSet(file.Type, filePath, ".type", Disposition.Mapped);
            }

            if (containerOverride.Cpu is not null)
            {
                target.Cpu = containerOverride.Cpu;
                report.Mapped(path + ".cpu", "replaces the container cpu");
            }

            if (containerOverride.Memory is not null)
            {
                target.Memory = containerOverride.Memory;
                report.Mapped(path + ".memory", "replaces the container memory");
            }

            if (containerOverride.MemoryReservation is not null)
            {
                target.MemoryReservation = containerOverride.MemoryReservation;
                report.Mapped(path + ".memoryReservation", "replaces the container memory reservation");
            }

            if (containerOverride.ResourceRequirements is not null)
            {
                target.ResourceRequirements = containerOverride.ResourceRequirements.Select(x => new ResourceRequirement { Type = x.Type, Value = x.Value }).ToList();
                for (var k = 0; k < containerOverride.ResourceRequirements.Count; k++)
                {
                    var requirementPath = $"{path}.resourceRequirements[{k}]";
                    report.AddIfSet(containerOverride.ResourceRequirements[k].Type, requirementPath, ".type", Disposition.Mapped, "replaces the container's resource requirements");
                    report.AddIfSet(containerOverride.ResourceRequirements[k].Value, requirementPath, ".value", Disposition.Mapped);
                }
            }
        }

        return copy;
    }
}
