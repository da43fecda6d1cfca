using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>
/// Declares a <see cref="Controller{T}"/>: the primary resource, the children it owns, the objects it references,
/// and options. Informers come from a shared <see cref="InformerFactory"/>, so stores are shared across controllers.
/// </summary>
/// <example>
/// <code>
/// var controller = new ControllerBuilder&lt;EcsService&gt;("ecsservice", informers)
///     .Owns&lt;V1Deployment&gt;()
///     .Watches&lt;EcsTaskDefinition&gt;(td => services.ByIndex("taskDefinition", td.Name()).Select(ObjectKey.From))
///     .WithOptions(new ControllerOptions { Workers = 4 })
///     .Build(reconciler);
/// </code>
/// </example>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly string _name;
    private readonly InformerFactory _informers;
    private readonly List<IInformer> _secondaries = [];
    private readonly List<Func<Controller<T>, IDisposable>> _wirings = [];
    private ControllerOptions _options = new();

    /// <param name="name">Controller name (logs, metrics, queue).</param>
    /// <param name="informers">Shared informers.</param>
    /// <param name="primaryType">Resource of <typeparamref name="T"/> when its attribute is not enough.</param>
    public ControllerBuilder(string name, InformerFactory informers, ResourceType? primaryType = null)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _informers = informers ?? throw new ArgumentNullException(nameof(informers));
        Informer = informers.Get<T>(primaryType);
    }

    /// <summary>The primary informer (its store is what reconcilers read).</summary>
    public Informer<T> Informer { get; }

    /// <summary>
    /// Watches children of <typeparamref name="TChild"/>: a change of one queues the primary named by its controller
    /// owner reference, when that reference's kind and API group are the primary's.
    /// </summary>
    public ControllerBuilder<T> Owns<TChild>(ResourceType? type = null)
        where TChild : class, IKubernetesObject<V1ObjectMeta> => Owns(_informers.Get<TChild>(type));

    /// <summary>As <see cref="Owns{TChild}(ResourceType?)"/> with a given informer.</summary>
    public ControllerBuilder<T> Owns<TChild>(Informer<TChild> informer)
        where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        var primary = Informer.ResourceType;
        _secondaries.Add(informer);
        _wirings.Add(controller => informer.Subscribe(change =>
        {
            var key = OwnerKey(primary, change.Object);
            var oldKey = change.OldObject is null ? null : OwnerKey(primary, change.OldObject);
            if (key is { } k)
            {
                controller.Enqueue(k);
            }

            if (oldKey is { } o && o != key)
            {
                controller.Enqueue(o);
            }
        }));
        return this;
    }

    /// <summary>
    /// Watches referenced objects of <typeparamref name="TRef"/>: a change of one queues the primary keys
    /// <paramref name="map"/> returns for the new and for the old object (e.g. a task definition → the services that
    /// use it, through an index of the services' store).
    /// </summary>
    public ControllerBuilder<T> Watches<TRef>(Func<TRef, IEnumerable<ObjectKey>> map, ResourceType? type = null)
        where TRef : class, IKubernetesObject<V1ObjectMeta> => Watches(_informers.Get<TRef>(type), map);

    /// <summary>As <see cref="Watches{TRef}(Func{TRef, IEnumerable{ObjectKey}}, ResourceType?)"/> with a given informer.</summary>
    public ControllerBuilder<T> Watches<TRef>(Informer<TRef> informer, Func<TRef, IEnumerable<ObjectKey>> map, WatchOptions? options = null)
        where TRef : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        options ??= new WatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Coalesce, TimeSpan.Zero);
        _secondaries.Add(informer);
        _wirings.Add(controller => informer.Subscribe(change =>
        {
            if (options.IgnoreStatusOnlyUpdates && change.IsStatusOnlyUpdate())
            {
                return;
            }

            var keys = new HashSet<ObjectKey>(map(change.Object));
            if (change.OldObject is not null)
            {
                keys.UnionWith(map(change.OldObject));
            }

            foreach (var key in keys)
            {
                controller.Enqueue(key, options.Coalesce);
            }
        }));
        return this;
    }

    public ControllerBuilder<T> WithOptions(ControllerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Creates the controller; its informers are not started until the host calls <see cref="Controller{T}.StartInformersAsync"/>.</summary>
    public Controller<T> Build(IReconciler<T> reconciler)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        return new Controller<T>(
            _name,
            Informer,
            _secondaries,
            _wirings,
            reconciler,
            _options,
            _informers.TimeProvider,
            _informers.LoggerFactory.CreateLogger($"EcsOnK8s.Runtime.Controller.{_name}"),
            _informers.Metrics);
    }

    private static ObjectKey? OwnerKey(ResourceType primary, IKubernetesObject<V1ObjectMeta> child)
    {
        if (child.ControllerOwner() is not { } owner
            || owner.Kind != primary.Kind
            || KubernetesObjectExtensions.GroupOf(owner.ApiVersion) != primary.Group
            || string.IsNullOrEmpty(owner.Name))
        {
            return null;
        }

        var @namespace = primary.Namespaced ? child.Metadata?.NamespaceProperty ?? string.Empty : string.Empty;
        return new ObjectKey(@namespace, owner.Name);
    }
}
