using System.Text.Json;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Reads the ControllerRevisions that hold registered task definition revisions: the task definition controller
/// writes them, services, tasks and schedules read them.
/// </summary>
public static class TaskDefinitionRevisions
{
    /// <summary>The revision number a ControllerRevision stores.</summary>
    public static int Number(V1ControllerRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return (int)(revision.Revision ?? 0);
    }

    /// <summary>Reads the task definition spec a ControllerRevision stores; null when it holds none.</summary>
    public static EcsTaskDefinitionSpec? SpecOf(V1ControllerRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return revision.Data switch
        {
            null => null,
            JsonElement element => KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(element),
            var other => KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(KubernetesJson.Serialize(other)),
        };
    }
}
