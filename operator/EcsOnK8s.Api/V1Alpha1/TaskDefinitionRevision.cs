using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TaskDefinitionRevision
{
    /// <summary>The revision's number.</summary>
    public int? Revision { get; set; }

    /// <summary>Hash of the normalised spec of this revision.</summary>
    public string? Hash { get; set; }

    /// <summary>ACTIVE or INACTIVE (deregistered).</summary>
    [EnumValues("ACTIVE", "INACTIVE")]
    public string? Status { get; set; }

    /// <summary>When the revision was registered.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>Name of the ControllerRevision that stores this revision.</summary>
    public string? ControllerRevision { get; set; }
}
