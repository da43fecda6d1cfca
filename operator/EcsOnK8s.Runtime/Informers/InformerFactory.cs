using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// Hands out one shared <see cref="Informer{T}"/> per resource type, so controllers that watch the same kind share a
/// cache and a watch. Also what <see cref="Apply.ChildApplier"/> consults to read live objects without a GET.
/// </summary>
public sealed class InformerFactory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceType, IInformer> _informers = [];
    private readonly IListWatchSourceFactory _sources;
    private readonly InformerOptions _options;

    /// <param name="sources">Where informers list and watch (<see cref="KubernetesListWatchSourceFactory"/> for a cluster).</param>
    /// <param name="options">Options of every informer (namespaces to watch, timeouts).</param>
    /// <param name="timeProvider">Clock; the system clock when null.</param>
    /// <param name="loggerFactory">Loggers; none when null.</param>
    /// <param name="metrics">Metrics; none when null.</param>
    public InformerFactory(
        IListWatchSourceFactory sources,
        InformerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        RuntimeMetrics? metrics = null)
    {
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        _options = options ?? new InformerOptions();
        TimeProvider = timeProvider ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Metrics = metrics;
    }

    /// <summary>A factory of informers on the real API server.</summary>
    public InformerFactory(
        KubernetesRestClient client,
        InformerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        RuntimeMetrics? metrics = null)
        : this(new KubernetesListWatchSourceFactory(client), options, timeProvider, loggerFactory, metrics)
    {
    }

    public TimeProvider TimeProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public RuntimeMetrics? Metrics { get; }

    /// <summary>The informers handed out so far.</summary>
    public IReadOnlyList<IInformer> Informers
    {
        get
        {
            lock (_lock)
            {
                return [.. _informers.Values];
            }
        }
    }

    /// <summary>
    /// The shared informer of <typeparamref name="T"/>; its resource from the type's <c>[KubernetesEntity]</c>
    /// attribute unless <paramref name="type"/> says otherwise (e.g. HPA v2beta2 read as the v2 model).
    /// Not started: controllers start their informers (or call <see cref="StartAllAsync"/>).
    /// </summary>
    public Informer<T> Get<T>(ResourceType? type = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        type ??= ResourceType.For<T>();
        lock (_lock)
        {
            if (_informers.TryGetValue(type, out var existing))
            {
                return existing as Informer<T>
                    ?? throw new InvalidOperationException($"{type.ApiVersion} {type.Kind} is already cached as {existing.GetType()}");
            }

            var informer = new Informer<T>(
                _sources.Create<T>(type), type, _options, TimeProvider, LoggerFactory.CreateLogger($"EcsOnK8s.Runtime.Informer.{type.Plural}"), Metrics);
            _informers[type] = informer;
            return informer;
        }
    }

    /// <summary>The informer of a resource type if one was handed out.</summary>
    public IInformer? Find(ResourceType type)
    {
        lock (_lock)
        {
            return _informers.GetValueOrDefault(type);
        }
    }

    /// <summary>Starts every informer handed out so far.</summary>
    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        foreach (var informer in Informers)
        {
            await informer.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
