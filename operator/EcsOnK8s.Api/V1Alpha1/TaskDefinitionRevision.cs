using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TaskDefinitionRevision
{
    public int? Revision { get; set; }

    /// <summary>Hash of the normalised spec of this revision.</summary>
    public string? Hash { get; set; }

    [EnumValues("ACTIVE", "INACTIVE")]
    public string? Status { get; set; }

    public DateTime? CreatedAt { get; set; }

    /// <summary>Name of the ControllerRevision that stores this revision.</summary>
    public string? ControllerRevision { get; set; }
}
