using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Kube;
using k8s;

namespace EcsOnK8s.Controllers.Events;

/// <summary>Creates EcsTasks with a POST (never an apply: an existing task of the name must stay as it is).</summary>
public sealed class KubernetesEcsTaskWriter(KubernetesRestClient client) : IEcsTaskWriter
{
    private static readonly ResourceType TaskType = ResourceType.For<EcsTask>();

    public async Task<EcsTask?> CreateAsync(EcsTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var ns = task.Metadata.NamespaceProperty;
        try
        {
            await client.SendJsonAsync(
                HttpMethod.Post, TaskType.CollectionPath(ns), KubernetesJson.Serialize(task), "application/json", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            var existing = await client.GetAsync<EcsTask>(TaskType.ObjectPath(new ObjectKey(ns, task.Metadata.Name)), cancellationToken).ConfigureAwait(false);

            // Deleted between the POST and the GET: the next attempt creates it.
            return existing ?? throw new KubernetesApiException($"EcsTask {ns}/{task.Metadata.Name} existed and then did not; trying again", e);
        }
    }
}
