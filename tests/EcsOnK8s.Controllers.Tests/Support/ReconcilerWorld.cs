using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>
/// What a reconciler runs against in a unit test: caches filled with seeded objects, a writer and an event recorder
/// that record, fixed capabilities and a fake clock. No API server.
/// </summary>
public sealed class ReconcilerWorld : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private ReconcilerWorld(IReadOnlyList<object> objects)
    {
        var sources = new SeededSourceFactory(objects);
        // The children's caches trimmed as the operator's are: the reconcilers are tested on what the cache keeps.
        Informers = new EcsInformers(new InformerFactory(sources), new InformerFactory(sources, EcsInformers.ChildOptions(new InformerOptions())));
        CronJobs = Informers.Children.Get<V1CronJob>(ResourceTypes.CronJob);
    }

    public EcsInformers Informers { get; }

    public Informer<V1CronJob> CronJobs { get; }

    public RecordingWriter Writer { get; } = new();

    public RecordingEvents Events { get; } = new();

    public FixedCapabilities Capabilities { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static ObjectKey Key(string name) => new(Seeds.Namespace, name);

    /// <summary>A world whose caches hold <paramref name="objects"/>, once every cache has listed them.</summary>
    public static async Task<ReconcilerWorld> StartAsync(params object[] objects)
    {
        var world = new ReconcilerWorld(objects);
        var informers = world.Informers.Resources.Informers.Concat(world.Informers.Children.Informers).ToList();
        await world.Informers.Resources.StartAllAsync(world._stop.Token);
        await world.Informers.Children.StartAllAsync(world._stop.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var informer in informers)
        {
            await informer.WaitForSyncAsync(timeout.Token);
        }

        return world;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
