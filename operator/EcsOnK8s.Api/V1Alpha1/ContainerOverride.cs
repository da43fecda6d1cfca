namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerOverride
{
    /// <summary>The container of the task definition this override applies to.</summary>
    public string? Name { get; set; }

    /// <summary>Replaces the container's command.</summary>
    public List<string>? Command { get; set; }

    public List<NameValuePair>? Environment { get; set; }

    /// <summary>Environment files added to the container's (S3 objects).</summary>
    public List<EnvironmentFile>? EnvironmentFiles { get; set; }

    /// <summary>Replaces the container's CPU units (1024 = one vCPU).</summary>
    public int? Cpu { get; set; }

    /// <summary>Replaces the container's hard memory limit, in MiB.</summary>
    public int? Memory { get; set; }

    /// <summary>Replaces the container's soft memory limit (request), in MiB.</summary>
    public int? MemoryReservation { get; set; }

    /// <summary>Replaces the container's GPU or accelerator requirements.</summary>
    public List<ResourceRequirement>? ResourceRequirements { get; set; }
}
