using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// Says how far the operator got: services whose status observed their generation and lists a deployment, task
/// definitions with a latest revision, services with a Deployment they control. Services are followed through a
/// watch (an informer), so that waiting costs the API server nothing but the events; the other counts LIST once the
/// services are there.
/// </summary>
internal sealed class ConvergenceProbe : IDisposable
{
    private readonly IKubernetes _client;
    private readonly string _ns;
    private readonly int _expected;
    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _watchClient;
    private readonly Informer<EcsService> _services;

    private ConvergenceProbe(IKubernetes client, KubernetesClientConfiguration config, string ns, int expected)
    {
        _client = client;
        _ns = ns;
        _expected = expected;

        // A client of its own: the watch's event traffic stays off the connection the benchmark creates through.
        _watchClient = new Kubernetes(config);
        _services = new InformerFactory(new KubernetesRestClient(_watchClient), new InformerOptions { Namespaces = [ns] }).Get<EcsService>();
    }

    /// <summary>A probe whose watch of the namespace's services is established.</summary>
    public static async Task<ConvergenceProbe> StartAsync(
        IKubernetes client, KubernetesClientConfiguration config, string ns, int expected, CancellationToken cancellationToken)
    {
        var probe = new ConvergenceProbe(client, config, ns, expected);
        await probe._services.StartAsync(probe._stop.Token).ConfigureAwait(false);
        await probe._services.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        return probe;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _watchClient.Dispose();
    }

    public async Task<ConvergenceState> CheckAsync(bool servicesOnly, CancellationToken cancellationToken)
    {
        var watched = _services.Store.ByNamespace(_ns).Count(s =>
            s.Status?.ObservedGeneration == s.Metadata.Generation && s.Status?.Deployments is { Count: > 0 });
        if (servicesOnly && watched < _expected)
        {
            return new ConvergenceState(_expected, watched, -1, -1, 0);
        }

        var services = await ListAsync(EcsService.Plural, cancellationToken).ConfigureAwait(false);
        var servicesConverged = services.Count(s =>
            s.TryGetProperty("status", out var status)
            && status.TryGetProperty("observedGeneration", out var observed)
            && s.GetProperty("metadata").TryGetProperty("generation", out var generation)
            && observed.GetInt64() == generation.GetInt64()
            && status.TryGetProperty("deployments", out var deployments)
            && deployments.ValueKind == JsonValueKind.Array && deployments.GetArrayLength() > 0);

        var taskDefinitions = await ListAsync(EcsTaskDefinition.Plural, cancellationToken).ConfigureAwait(false);
        var tdsConverged = taskDefinitions.Count(t =>
            t.TryGetProperty("status", out var status)
            && status.TryGetProperty("latestRevision", out var latest)
            && latest.ValueKind == JsonValueKind.Number);

        var deploymentList = await _client.AppsV1.ListNamespacedDeploymentAsync(_ns, cancellationToken: cancellationToken).ConfigureAwait(false);
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

        return new ConvergenceState(_expected, servicesConverged, tdsConverged, withDeployment, objects == 0 ? 0 : (int)(bytes / objects));
    }

    private async Task<List<JsonElement>> ListAsync(string plural, CancellationToken cancellationToken)
    {
        var list = await _client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
            EcsApi.Group, EcsApi.Version, _ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list.GetProperty("items").EnumerateArray()];
    }
}
