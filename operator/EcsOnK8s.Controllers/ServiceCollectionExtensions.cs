using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Controllers;

/// <summary>Registers the EcsOnK8s controllers with the operator host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="IManagedController"/> per reconciled kind. The host has already registered IKubernetes
    /// (requests counted), RuntimeMetrics, TimeProvider and, from its flags, ControllerOptions (workers), ScheduledTaskOptions (catch-up window), TaskOptions (start timeout) and
    /// InformerOptions (namespaces); it runs every IManagedController it finds: informers on every replica, workers
    /// on the leader. Hosts that register no options (tests) get the runtime's defaults.
    /// </summary>
    public static IServiceCollection AddEcsControllers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddSingleton(sp => new KubernetesRestClient(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(sp => new ClusterCapabilitiesDiscovery(
            sp.GetRequiredService<KubernetesRestClient>(), DiscoveryInterval(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ClusterCapabilitiesDiscovery>()));

        // An upgraded cluster gets newer APIs; an installed or removed integration re-renders the workloads.
        services.AddSingleton(sp => new CapabilitiesRefresher(
            sp.GetRequiredService<ClusterCapabilitiesDiscovery>(), DiscoveryInterval(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<CapabilitiesRefresher>()));
        services.AddSingleton<IManagedController>(sp => sp.GetRequiredService<CapabilitiesRefresher>());
        services.AddSingleton(sp =>
        {
            var client = sp.GetRequiredService<KubernetesRestClient>();
            var time = sp.GetRequiredService<TimeProvider>();
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var metrics = sp.GetRequiredService<RuntimeMetrics>();
            var options = sp.GetService<InformerOptions>() ?? new InformerOptions();
            return new EcsInformers(
                new InformerFactory(client, options, time, loggers, metrics),
                new InformerFactory(client, EcsInformers.ChildOptions(options), time, loggers, metrics));
        });
        services.AddSingleton(sp =>
        {
            // EcsClusterPolicy's model attribute cannot say it is cluster-scoped: its status is written at the right path.
            var client = sp.GetRequiredService<KubernetesRestClient>();
            var resolver = new ResourceTypeResolver(client);
            resolver.Register(EcsInformers.ClusterPolicyType);
            return new ChildApplier(
                client,
                sp.GetRequiredService<EcsInformers>().Children,
                EcsApplierOptions.Create(),
                resolver,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ChildApplier>(),
                resources: sp.GetRequiredService<EcsInformers>().Resources);
        });
        services.AddSingleton(sp => new KubeEventRecorder(sp.GetRequiredService<KubernetesRestClient>(), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton(sp => EcsControllers.TaskDefinitions(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<KubeEventRecorder>(),
            sp.GetRequiredService<ClusterCapabilitiesDiscovery>(), sp.GetRequiredService<TimeProvider>(), Options(sp)));
        services.AddSingleton(sp => new ServiceMetrics(sp.GetRequiredService<RuntimeMetrics>().Registry));
        services.AddSingleton(sp => EcsControllers.Services(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<KubeEventRecorder>(),
            sp.GetRequiredService<ClusterCapabilitiesDiscovery>(), sp.GetRequiredService<TimeProvider>(), Options(sp),
            sp.GetRequiredService<ServiceMetrics>(), EventOptions(sp).Settings));
        services.AddSingleton(sp => EcsControllers.Tasks(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<KubeEventRecorder>(), sp.GetRequiredService<ClusterCapabilitiesDiscovery>(), sp.GetRequiredService<TimeProvider>(), Options(sp),
            new EventPodRefusals(sp.GetRequiredService<KubernetesRestClient>()), sp.GetService<TaskOptions>()));
        services.AddSingleton(sp => EcsControllers.ScheduledTasks(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<KubeEventRecorder>(),
            sp.GetRequiredService<ClusterCapabilitiesDiscovery>(), sp.GetRequiredService<TimeProvider>(), Options(sp),
            sp.GetService<ScheduledTaskOptions>(), new EventPodRefusals(sp.GetRequiredService<KubernetesRestClient>()), sp.GetService<TaskOptions>()));
        services.AddSingleton(sp => EcsControllers.Clusters(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<TimeProvider>(), Options(sp)));
        services.AddSingleton(sp => EcsControllers.ClusterPolicies(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<TimeProvider>(), Options(sp)));

        // The ecsTask target of EcsEventRules: the rules' dispatcher takes every IEventTargetInvoker registered.
        services.AddSingleton<IEventTargetInvoker>(sp => new EcsTaskTargetInvoker(
            new KubernetesEcsTaskWriter(sp.GetRequiredService<KubernetesRestClient>()), sp.GetService<EcsEventSettings>() ?? EcsEventSettings.Default,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<EcsTaskTargetInvoker>()));
        AddEventDelivery(services);

        // Leader-only like the reconcilers, since it writes: marks the objects the informers cannot read.
        services.AddSingleton<IManagedController>(sp => new UndecodableObjectReporter(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<KubeEventRecorder>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<UndecodableObjectReporter>()));
        return services;
    }

    /// <summary>
    /// EcsEventRules and ECS events: the rule registry (every replica), the dispatcher with every registered
    /// <see cref="IEventTargetInvoker"/> (the http one here; others register their own), the records, the event bus for
    /// posted events, the source of ECS events and the rule controller. Options: <see cref="EventDeliveryOptions"/> when
    /// registered, else defaults.
    /// </summary>
    private static void AddEventDelivery(IServiceCollection services)
    {
        services.AddSingleton<EventRuleRegistry>();
        services.AddSingleton<IEventTargetInvoker>(sp => new HttpTargetInvoker(
            sp.GetRequiredService<IKubernetes>(), EventOptions(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EventDispatcher(
            sp.GetServices<IEventTargetInvoker>(), EventOptions(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<KubeEventRecorder>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventDispatcher>()));
        services.AddSingleton(sp => new DeliveryRecordStore(
            sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<EcsInformers>().Children.Get<V1ConfigMap>(), EventOptions(sp),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<DeliveryRecordStore>()));
        services.AddSingleton<IEventBus>(sp => new EventBus(
            sp.GetKeyedService<IKubernetes>(EventBus.ClientKey) ?? sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<EventRuleRegistry>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EcsEventSource(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<EcsInformers>().Children.Get<V1ConfigMap>(), sp.GetRequiredService<EventRuleRegistry>(),
            sp.GetRequiredService<EventDispatcher>(), sp.GetRequiredService<DeliveryRecordStore>(), sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<EcsEventSource>()));
        services.AddSingleton<IManagedController>(sp => sp.GetRequiredService<EcsEventSource>());
        services.AddSingleton(sp => EcsControllers.EventRules(
            sp.GetRequiredService<EcsInformers>(), sp.GetRequiredService<ChildApplier>(), sp.GetRequiredService<KubeEventRecorder>(),
            sp.GetRequiredService<EventDispatcher>(), sp.GetRequiredService<TimeProvider>(), Options(sp)));
    }

    private static readonly EventDeliveryOptions s_defaultEventOptions = new();

    private static EventDeliveryOptions EventOptions(IServiceProvider sp) => sp.GetService<EventDeliveryOptions>() ?? s_defaultEventOptions;

    private static TimeSpan DiscoveryInterval(IServiceProvider sp) => sp.GetService<DiscoveryOptions>()?.Interval ?? DiscoveryOptions.DefaultInterval;

    private static ControllerOptions Options(IServiceProvider sp) => sp.GetService<ControllerOptions>() ?? new ControllerOptions();
}
