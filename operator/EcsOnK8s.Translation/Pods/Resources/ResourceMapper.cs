using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Units;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Resources;

/// <summary>
/// Container and task sizes → requests and limits.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Container <c>cpu</c> (units) → <c>requests.cpu</c> = units × 1000 / 1024 millicores, rounded up; never a
/// limit (it is a CpuShares weight).</item>
/// <item>Container <c>memory</c> (MiB) → <c>limits.memory</c>; <c>memoryReservation</c> → <c>requests.memory</c>;
/// only <c>memory</c> → requests = limits.</item>
/// <item>Task <c>cpu</c>: checked (sum of container cpu ≤ task cpu, as ECS does); what the containers leave is
/// split evenly, in whole units, as <c>requests.cpu</c> of the containers that give none. No CPU limit: Kubernetes
/// has no pod-level cap (reported Approximated).</item>
/// <item>Task <c>memory</c>: checked (each container's memory and the sum of the reservations, memoryReservation or
/// else memory, ≤ task memory); containers without <c>memory</c> get <c>limits.memory</c> = the task memory (in
/// ECS they may use the task's whole memory); containers with neither value get <c>requests.memory</c> = what the
/// reservations leave of the task memory, split evenly.</item>
/// <item>Fargate (requiresCompatibilities has FARGATE): task cpu and memory are required and must be one of the
/// pairs Fargate accepts.</item>
/// <item><c>resourceRequirements</c> GPU → <c>limits</c> of the cluster's <c>gpuResourceName</c> (default
/// nvidia.com/gpu); InferenceAccelerator → rejected.</item>
/// <item><c>ephemeralStorage.sizeInGiB</c> → <c>requests.ephemeral-storage</c> split evenly over the containers
/// that run for the task's life and <c>limits.ephemeral-storage</c> = the whole size on each of them (a container
/// may use the task's whole disk; the sum of the limits then exceeds the task size: Approximated).</item>
/// </list>
/// </remarks>
internal static class ResourceMapper
{
    public const string DefaultGpuResource = "nvidia.com/gpu";

    public static void Map(PodBuildState build)
    {
        var spec = build.Spec;
        var report = build.Report;
        int? taskCpu = null;
        int? taskMemory = null;
        if (spec.Cpu is not null)
        {
            if (Quantities.TryParseTaskCpu(spec.Cpu, out var units))
            {
                taskCpu = units;
            }
            else
            {
                report.Rejected(build.Root + "cpu", $"'{spec.Cpu}' is not a task CPU size: give CPU units (\"256\", \"1024\") or vCPUs (\"1 vCPU\", \"0.25 vCPU\")");
            }
        }

        if (spec.Memory is not null)
        {
            if (Quantities.TryParseTaskMemory(spec.Memory, out var mib))
            {
                taskMemory = mib;
            }
            else
            {
                report.Rejected(build.Root + "memory", $"'{spec.Memory}' is not a task memory size: give MiB (\"512\") or GB (\"2 GB\")");
            }
        }

        if (spec.RequiresCompatibilities?.Contains("FARGATE") == true)
        {
            Fargate(build, taskCpu, taskMemory);
        }

        var plans = build.Containers;
        foreach (var plan in plans)
        {
            Validate(build, plan, taskMemory);
        }

        // Checks ECS makes at registration.
        var cpuSum = plans.Sum(p => (long)Math.Max(0, p.Definition.Cpu ?? 0));
        if (taskCpu is not null && cpuSum > taskCpu)
        {
            report.Rejected(build.Root + "cpu", $"the containers' cpu adds up to {cpuSum} units, more than the task's {taskCpu}");
        }

        var reservationSum = plans.Sum(p => (long)(p.Definition.MemoryReservation ?? p.Definition.Memory ?? 0));
        if (taskMemory is not null && reservationSum > taskMemory)
        {
            report.Rejected(build.Root + "memory", $"the containers reserve {reservationSum} MiB (memoryReservation, or memory where none), more than the task's {taskMemory} MiB");
        }

        // CPU.
        var withoutCpu = plans.Where(p => (p.Definition.Cpu ?? 0) <= 0).ToList();
        long cpuShare = 0;
        if (taskCpu is not null && withoutCpu.Count > 0)
        {
            cpuShare = Math.Max(0, (taskCpu.Value - cpuSum) / withoutCpu.Count);
        }

        foreach (var plan in plans)
        {
            var cpu = plan.Definition.Cpu ?? 0;
            if (cpu > 0)
            {
                var quantity = Quantities.Cpu(cpu);
                Request(plan, "cpu", quantity);
                report.Mapped(plan.Path + ".cpu", $"requests.cpu {quantity} (a share: no limit)");
            }
            else
            {
                report.AddIfSet(plan.Definition.Cpu, plan.Path, ".cpu", Disposition.Mapped, "0: no CPU request");

                if (cpuShare > 0)
                {
                    Request(plan, "cpu", Quantities.Cpu(cpuShare));
                }
            }
        }

        if (taskCpu is not null)
        {
            report.Approximated(build.Root + "cpu", withoutCpu.Count > 0 && cpuShare > 0
                ? $"no pod-level CPU cap in Kubernetes: {taskCpu} units checked against the containers, and the {taskCpu - cpuSum} units they leave are requested by {string.Join(", ", withoutCpu.Select(p => p.Name))} ({Quantities.Cpu(cpuShare)} each)"
                : $"no pod-level CPU cap in Kubernetes: {taskCpu} units checked against the containers' shares");
        }

        // Memory.
        var withNeither = plans.Where(p => p.Definition.Memory is null && p.Definition.MemoryReservation is null).ToList();
        long memoryShare = 0;
        if (taskMemory is not null && withNeither.Count > 0)
        {
            memoryShare = Math.Max(0, (taskMemory.Value - reservationSum) / withNeither.Count);
        }

        foreach (var plan in plans)
        {
            var definition = plan.Definition;
            if (definition.Memory is { } memory)
            {
                var limit = Quantities.MiB(memory);
                Limit(plan, "memory", limit);
                Request(plan, "memory", definition.MemoryReservation is { } reserved ? Quantities.MiB(reserved) : limit);
                report.Mapped(plan.Path + ".memory", $"limits.memory {limit}");
            }
            else
            {
                if (taskMemory is not null)
                {
                    Limit(plan, "memory", Quantities.MiB(taskMemory.Value));
                }

                if (definition.MemoryReservation is { } reservation)
                {
                    Request(plan, "memory", Quantities.MiB(reservation));
                }
                else if (memoryShare > 0)
                {
                    Request(plan, "memory", Quantities.MiB(memoryShare));
                }
            }

            if (definition.MemoryReservation is { } res)
            {
                report.Mapped(plan.Path + ".memoryReservation", $"requests.memory {Quantities.MiB(res)}");
            }
        }

        if (taskMemory is not null)
        {
            report.Approximated(build.Root + "memory", $"no pod-level memory cap in Kubernetes: {taskMemory} MiB checked against the containers, used as the memory limit of containers without one" +
                (withNeither.Count > 0 && memoryShare > 0 ? $", and what the reservations leave is requested by {string.Join(", ", withNeither.Select(p => p.Name))} ({Quantities.MiB(memoryShare)} each)" : string.Empty));
        }

        Gpus(build);
        EphemeralStorage(build);
    }

    private static void Validate(PodBuildState build, ContainerPlan plan, int? taskMemory)
    {
        var definition = plan.Definition;
        if (definition.Cpu is < 0)
        {
            build.Report.Rejected(plan.Path + ".cpu", "CPU units cannot be negative");
        }

        if (definition.Memory is { } tooSmall && tooSmall < 6)
        {
            build.Report.Rejected(plan.Path + ".memory", "ECS requires at least 6 MiB of memory for a container");
        }

        if (definition.MemoryReservation is { } tooSmallReservation && tooSmallReservation < 6)
        {
            build.Report.Rejected(plan.Path + ".memoryReservation", "ECS requires at least 6 MiB of memory for a container");
        }

        if (definition.Memory is { } m && definition.MemoryReservation is { } res && res > m)
        {
            build.Report.Rejected(plan.Path + ".memoryReservation", $"memoryReservation ({res} MiB) must not exceed memory ({m} MiB)");
        }

        if (definition.Memory is { } mem && taskMemory is { } tm && mem > tm)
        {
            build.Report.Rejected(plan.Path + ".memory", $"{mem} MiB is more than the task's {tm} MiB");
        }
    }

    // Each message names the field that is wrong: cpu when it is missing or not a Fargate size, memory when it is
    // missing or does not go with a valid cpu.
    private static void Fargate(PodBuildState build, int? cpu, int? memory)
    {
        if (build.Spec.Cpu is null)
        {
            build.Report.Rejected(build.Root + "cpu", $"FARGATE task definitions need task-level cpu: {FargateSizes.CpuSizes}");
        }
        else if (cpu is { } units && !FargateSizes.IsCpuSize(units))
        {
            build.Report.Rejected(build.Root + "cpu", $"Fargate does not run {units} CPU units: {FargateSizes.CpuSizes}");
        }

        if (build.Spec.Memory is null)
        {
            build.Report.Rejected(build.Root + "memory", cpu is { } c && FargateSizes.IsCpuSize(c)
                ? $"FARGATE task definitions need task-level memory: with {c} CPU units, {FargateSizes.Describe(c)}"
                : "FARGATE task definitions need task-level memory (MiB)");
        }
        else if (cpu is { } c && memory is { } m && FargateSizes.IsCpuSize(c) && !FargateSizes.IsValid(c, m))
        {
            build.Report.Rejected(build.Root + "memory", $"Fargate does not run {m} MiB with {c} CPU units: with {c} units it takes {FargateSizes.Describe(c)}");
        }
    }

    private static void Gpus(PodBuildState build)
    {
        var name = build.Context.Cluster.GpuResourceName is { Length: > 0 } g ? g : DefaultGpuResource;
        foreach (var plan in build.Containers)
        {
            var reqs = plan.Definition.ResourceRequirements;
            for (var i = 0; i < (reqs?.Count ?? 0); i++)
            {
                var req = reqs![i];
                var path = $"{plan.Path}.resourceRequirements[{i}]";
                switch (req.Type)
                {
                    case "GPU":
                        if (!int.TryParse(req.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1)
                        {
                            build.Report.Rejected(path + ".value", $"'{req.Value}' is not a number of GPUs");
                            build.Report.Rejected(path + ".type", "belongs to an invalid GPU requirement");
                            break;
                        }

                        Limit(plan, name, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        build.Report.Mapped(path + ".type", $"limits.{name}");
                        build.Report.Mapped(path + ".value", $"limits.{name}: {count}");
                        break;
                    case "InferenceAccelerator":
                        build.Report.Rejected(path + ".type", "Elastic Inference accelerators are retired and have no Kubernetes counterpart");
                        build.Report.AddIfSet(req.Value, path, ".value", Disposition.Rejected, "Elastic Inference accelerators are retired and have no Kubernetes counterpart");

                        break;
                    default:
                        build.Report.Rejected(path + ".type", $"unknown resource type '{req.Type}' (GPU or InferenceAccelerator)");
                        build.Report.AddIfSet(req.Value, path, ".value", Disposition.Rejected, "belongs to an unknown resource type");

                        break;
                }
            }
        }
    }

    private static void EphemeralStorage(PodBuildState build)
    {
        if (build.Spec.EphemeralStorage?.SizeInGiB is not { } gib)
        {
            return;
        }

        if (gib <= 0)
        {
            build.Report.Rejected(build.Root + "ephemeralStorage.sizeInGiB", "the size must be positive");
            return;
        }

        var longRunning = build.Containers.Where(p => p.Role != ContainerRole.Init).ToList();
        if (longRunning.Count == 0)
        {
            longRunning = build.Containers;
        }

        var shareMiB = gib * 1024L / Math.Max(1, longRunning.Count);
        foreach (var plan in longRunning)
        {
            Request(plan, "ephemeral-storage", Quantities.MiB(shareMiB));
            Limit(plan, "ephemeral-storage", Quantities.GiB(gib));
        }

        build.Report.Approximated(
            build.Root + "ephemeralStorage.sizeInGiB",
            $"requests.ephemeral-storage {Quantities.MiB(shareMiB)} on each of {longRunning.Count} container(s) (the task size split evenly) and limits.ephemeral-storage {Quantities.GiB(gib)} on each: no pod-level disk cap");
    }

    private static void Request(ContainerPlan plan, string resource, string quantity)
    {
        plan.Container.Resources ??= new V1ResourceRequirements();
        plan.Container.Resources.Requests ??= new Dictionary<string, ResourceQuantity>();
        plan.Container.Resources.Requests[resource] = Quantities.Parse(quantity);
    }

    private static void Limit(ContainerPlan plan, string resource, string quantity)
    {
        plan.Container.Resources ??= new V1ResourceRequirements();
        plan.Container.Resources.Limits ??= new Dictionary<string, ResourceQuantity>();
        plan.Container.Resources.Limits[resource] = Quantities.Parse(quantity);
    }

}
