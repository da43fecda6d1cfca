using EcsOnK8s.Api;
using EcsOnK8s.Runtime.Apply;

namespace EcsOnK8s.Controllers.Common;

/// <summary>The names the operator's applier writes, from the Api's well-known constants.</summary>
public static class EcsApplierOptions
{
    /// <summary>Field manager, hash annotation and managed-by label of EcsOnK8s.</summary>
    public static ApplierOptions Create() => new()
    {
        FieldManager = EcsApi.FieldManager,
        HashAnnotation = WellKnownAnnotations.DesiredHash,
        ManagedByLabel = WellKnownLabels.ManagedBy,
        ManagedByValue = WellKnownLabels.ManagedByValue,
    };
}
