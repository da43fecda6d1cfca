using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using k8s;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// Reads the namespace and says how far the operator got: services whose status observed their generation and lists
/// a deployment, task definitions with a latest revision, services with a Deployment they control.
/// </summary>
internal sealed class ConvergenceProbe(IKubernetes client, string ns, int expected)
{
    public async Task<ConvergenceState> CheckAsync(bool servicesOnly, CancellationToken cancellationToken)
    {
        var services = await ListAsync(EcsService.Plural, cancellationToken).ConfigureAwait(false);
        var servicesConverged = services.Count(s =>
            s.TryGetProperty("status", out var status)
            && status.TryGetProperty("observedGeneration", out var observed)
            && s.GetProperty("metadata").TryGetProperty("generation", out var generation)
            && observed.GetInt64() == generation.GetInt64()
            && status.TryGetProperty("deployments", out var deployments)
            && deployments.ValueKind == JsonValueKind.Array && deployments.GetArrayLength() > 0);
        if (servicesOnly && servicesConverged < expected)
        {
            return new ConvergenceState(expected, servicesConverged, -1, -1, 0);
        }

        var taskDefinitions = await ListAsync(EcsTaskDefinition.Plural, cancellationToken).ConfigureAwait(false);
        var tdsConverged = taskDefinitions.Count(t =>
            t.TryGetProperty("status", out var status)
            && status.TryGetProperty("latestRevision", out var latest)
            && latest.ValueKind == JsonValueKind.Number);

        var deploymentList = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var owners = deploymentList.Items
            .SelectMany(d => d.Metadata.OwnerReferences ?? [])
            .Where(o => o.Controller == true && o.Kind == EcsService.KindName)
            .Select(o => o.Uid)
            .ToHashSet(StringComparer.Ordinal);
        var withDeployment = services.Count(s =>
            s.GetProperty("metadata").TryGetProperty("uid", out var uid) && owners.Contains(uid.GetString()!));

        // Mean size of what the operator writes (children and the resources whose status it puts), to size the
        // baseline's objects alike.
        long bytes = 0;
        var objects = 0;
        foreach (var item in services.Concat(taskDefinitions))
        {
            bytes += item.GetRawText().Length;
            objects++;
        }

        foreach (var deployment in deploymentList.Items)
        {
            bytes += KubernetesJson.Serialize(deployment).Length;
            objects++;
        }

        return new ConvergenceState(expected, servicesConverged, tdsConverged, withDeployment, objects == 0 ? 0 : (int)(bytes / objects));
    }

    private async Task<List<JsonElement>> ListAsync(string plural, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
            EcsApi.Group, EcsApi.Version, ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list.GetProperty("items").EnumerateArray()];
    }
}
