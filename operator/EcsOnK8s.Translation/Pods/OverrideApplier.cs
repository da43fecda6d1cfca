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
        if (context.Overrides is not { } o)
        {
            return spec;
        }

        // A deep copy: the resolved revision is shared and must not change.
        var copy = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(KubernetesJson.Serialize(spec));
        var r = context.Report;
        var p = context.OverridesPath;

        if (o.Cpu is not null)
        {
            copy.Cpu = o.Cpu;
            r.Mapped(p + ".cpu", "replaces the task cpu");
        }

        if (o.Memory is not null)
        {
            copy.Memory = o.Memory;
            r.Mapped(p + ".memory", "replaces the task memory");
        }

        if (o.TaskRoleArn is not null)
        {
            copy.TaskRoleArn = o.TaskRoleArn;
            r.Mapped(p + ".taskRoleArn", "replaces the task role");
        }

        if (o.ExecutionRoleArn is not null)
        {
            copy.ExecutionRoleArn = o.ExecutionRoleArn;
            r.Mapped(p + ".executionRoleArn", "replaces the execution role");
        }

        if (o.EphemeralStorage?.SizeInGiB is not null)
        {
            copy.EphemeralStorage = new EphemeralStorage { SizeInGiB = o.EphemeralStorage.SizeInGiB };
            r.Mapped(p + ".ephemeralStorage.sizeInGiB", "replaces the task's ephemeral storage");
        }

        for (var i = 0; i < (o.InferenceAcceleratorOverrides?.Count ?? 0); i++)
        {
            var accelerator = o.InferenceAcceleratorOverrides![i];
            const string why = "Elastic Inference accelerators are retired and have no Kubernetes counterpart";
            var acceleratorPath = $"{p}.inferenceAcceleratorOverrides[{i}]";
            r.Rejected(acceleratorPath, why);
            r.AddIfSet(accelerator.DeviceName, acceleratorPath, ".deviceName", Disposition.Rejected, why);
            r.AddIfSet(accelerator.DeviceType, acceleratorPath, ".deviceType", Disposition.Rejected, why);
        }

        for (var i = 0; i < (o.ContainerOverrides?.Count ?? 0); i++)
        {
            var co = o.ContainerOverrides![i];
            var path = $"{p}.containerOverrides[{i}]";
            var target = copy.ContainerDefinitions?.FirstOrDefault(c => c?.Name is not null && c.Name == co.Name);
            if (target is null)
            {
                r.Rejected(path + ".name", $"the task definition has no container named '{co.Name}'");
                foreach (var leaf in ReportCoverage.LeafPaths(co, path))
                {
                    r.Rejected(leaf, "belongs to an override of an unknown container");
                }

                continue;
            }

            r.Mapped(path + ".name");
            if (co.Command is not null)
            {
                target.Command = [.. co.Command];
                r.Mapped(path + ".command", "replaces the container's command (args)");
            }

            for (var k = 0; k < (co.Environment?.Count ?? 0); k++)
            {
                var e = co.Environment![k];
                target.Environment ??= [];
                var existing = target.Environment.FindIndex(x => x.Name == e.Name);
                var pair = new NameValuePair { Name = e.Name, Value = e.Value };
                if (existing >= 0)
                {
                    target.Environment[existing] = pair;
                }
                else
                {
                    target.Environment.Add(pair);
                }

                var variablePath = $"{path}.environment[{k}]";
                r.AddIfSet(e.Name, variablePath, ".name", Disposition.Mapped, "merged into the environment by name");
                r.AddIfSet(e.Value, variablePath, ".value", Disposition.Mapped);
            }

            for (var k = 0; k < (co.EnvironmentFiles?.Count ?? 0); k++)
            {
                var f = co.EnvironmentFiles![k];
                target.EnvironmentFiles ??= [];
                target.EnvironmentFiles.Add(new EnvironmentFile { Type = f.Type, Value = f.Value });
                var filePath = $"{path}.environmentFiles[{k}]";
                r.AddIfSet(f.Value, filePath, ".value", Disposition.Approximated, "appended to the container's environment files (ConfigMaps you create)");
                r.AddIfSet(f.Type, filePath, ".type", Disposition.Mapped);
            }

            if (co.Cpu is not null)
            {
                target.Cpu = co.Cpu;
                r.Mapped(path + ".cpu", "replaces the container cpu");
            }

            if (co.Memory is not null)
            {
                target.Memory = co.Memory;
                r.Mapped(path + ".memory", "replaces the container memory");
            }

            if (co.MemoryReservation is not null)
            {
                target.MemoryReservation = co.MemoryReservation;
                r.Mapped(path + ".memoryReservation", "replaces the container memory reservation");
            }

            if (co.ResourceRequirements is not null)
            {
                target.ResourceRequirements = co.ResourceRequirements.Select(x => new ResourceRequirement { Type = x.Type, Value = x.Value }).ToList();
                for (var k = 0; k < co.ResourceRequirements.Count; k++)
                {
                    var requirementPath = $"{path}.resourceRequirements[{k}]";
                    r.AddIfSet(co.ResourceRequirements[k].Type, requirementPath, ".type", Disposition.Mapped, "replaces the container's resource requirements");
                    r.AddIfSet(co.ResourceRequirements[k].Value, requirementPath, ".value", Disposition.Mapped);
                }
            }
        }

        return copy;
    }
}
