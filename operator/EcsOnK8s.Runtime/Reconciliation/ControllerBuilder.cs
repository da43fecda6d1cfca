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
    /// Watches children of <typeparamref name="TChild"/>: a change of one queues the primaries named by its owner
    /// references whose kind and API group are the primary's: its controller, and the owners of a shared child.
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
            EnqueueOwners(controller, primary, change.Object, except: null);
            if (change.OldObject is not null)
            {
                // An owner named in both versions is queued once: a second add while it is being reconciled would
                // reconcile it again.
                EnqueueOwners(controller, primary, change.OldObject, except: change.Object);
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
            if (options.IgnoreStatusOnlyUpdates && change.OldObject is { } old
                && KubernetesObjectExtensions.OnlyStatusChanged(old.Metadata, change.Object.Metadata))
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

    private static void EnqueueOwners(
        Controller<T> controller, ResourceType primary, IKubernetesObject<V1ObjectMeta> child, IKubernetesObject<V1ObjectMeta>? except)
    {
        if (child.Metadata?.OwnerReferences is not { Count: > 0 } owners)
        {
            return;
        }

        var @namespace = primary.Namespaced ? child.Metadata.NamespaceProperty ?? string.Empty : string.Empty;
        foreach (var owner in owners)
        {
            if (owner.Kind == primary.Kind
                && KubernetesObjectExtensions.GroupOf(owner.ApiVersion) == primary.Group
                && !string.IsNullOrEmpty(owner.Name)
                && except?.Metadata?.OwnerReferences?.Any(r => r.Uid == owner.Uid && r.Name == owner.Name) != true)
            {
                controller.Enqueue(new ObjectKey(@namespace, owner.Name));
            }
        }
    }
}
