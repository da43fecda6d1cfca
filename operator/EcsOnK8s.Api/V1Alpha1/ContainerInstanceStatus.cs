namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerInstanceStatus
{
    /// <summary>The container's name, as in the task definition.</summary>
    public string? Name { get; set; }

    /// <summary>The container's last known state: PENDING, RUNNING or STOPPED.</summary>
    public string? LastStatus { get; set; }

    /// <summary>The container's exit code, once it stopped.</summary>
    public int? ExitCode { get; set; }

    /// <summary>Why the container stopped or could not start (e.g. the image could not be pulled).</summary>
    public string? Reason { get; set; }
}
