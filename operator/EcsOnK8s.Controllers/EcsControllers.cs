using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Clusters;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.EventRules;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Workloads.Routing;
using EcsOnK8s.Runtime.Informers;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers;

/// <summary>
/// Wires the EcsOnK8s reconcilers to the runtime: which informers each controller reads, which children it owns and
/// which referenced objects queue it.
/// </summary>
public static class EcsControllers
{
    public static IManagedController TaskDefinitions(
        EcsInformers informers, IChildWriter applier, IEventRecorder events, ICapabilitiesSource discovery, TimeProvider time, ControllerOptions options) =>
        new ControllerBuilder<EcsTaskDefinition>("ecstaskdefinition", informers.Resources)
            .Owns(informers.Revisions)
            .WithOptions(options)
            .Build(new TaskDefinitionReconciler(informers, applier, events, discovery, time));

    /// <summary>
    /// For references whose status no reconciler reads (task definitions and clusters: revisions come from the
    /// ControllerRevisions, policy from the cluster's spec). Without it every write of a cluster's counts would queue
    /// all of its services.
    /// </summary>
    private static readonly WatchOptions s_specOnly = new() { IgnoreStatusOnlyUpdates = true };

    /// <summary>How long a cluster's counts may lag its services: while services arrive or scale, one status write per window.</summary>
    public static readonly TimeSpan ClusterCountsWindow = TimeSpan.FromSeconds(2);

    public static IManagedController Clusters(EcsInformers informers, IChildWriter applier, TimeProvider time, ControllerOptions options) =>
        new ControllerBuilder<EcsCluster>("ecscluster", informers.Resources)
            .Watches(informers.Services, s => [new ObjectKey(s.Metadata.NamespaceProperty, EcsInformers.ClusterName(s.Spec.Cluster))], new WatchOptions { Coalesce = ClusterCountsWindow })
            .Watches(informers.ClusterPolicies, _ => informers.Clusters.Store.List().Select(ObjectKey.From), s_specOnly)
            .Watches(informers.Namespaces, n => informers.Clusters.Store.ByNamespace(n.Metadata.Name).Select(ObjectKey.From), s_specOnly)
            .WithOptions(options)
            .Build(new ClusterReconciler(informers, applier, time));

    /// <summary>
    /// EcsClusterPolicy status: queued by its own changes, by EcsClusters coming and going and by namespace label
    /// changes (which move what a selector selects). Cluster events coalesce, as for the clusters' counts.
    /// </summary>
    public static IManagedController ClusterPolicies(EcsInformers informers, IChildWriter applier, TimeProvider time, ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(informers);
        IEnumerable<ObjectKey> AllPolicies() => informers.ClusterPolicies.Store.List().Select(ObjectKey.From);
        return new ControllerBuilder<EcsClusterPolicy>("ecsclusterpolicy", informers.Resources, EcsInformers.ClusterPolicyType)
            .Watches(informers.Clusters, _ => AllPolicies(), new WatchOptions { Coalesce = ClusterCountsWindow, IgnoreStatusOnlyUpdates = true })
            .Watches(informers.Namespaces, _ => AllPolicies(), s_specOnly)
            .WithOptions(options)
            .Build(new ClusterPolicyReconciler(informers, applier, time));
    }

    /// <summary>The service controller; built after discovery, because the HPA version it watches depends on the cluster.</summary>
    public static IManagedController Services(
        EcsInformers informers,
        IChildWriter applier,
        IEventRecorder events,
        ICapabilitiesSource discovery,
        TimeProvider time,
        ControllerOptions options,
        ServiceMetrics? metrics = null,
        EcsEventSettings? aws = null) =>
        new DeferredController("ecsservice", async cancellationToken =>
        {
            var capabilities = await discovery.GetAsync(cancellationToken).ConfigureAwait(false);
            var hpa = capabilities.HorizontalPodAutoscalerApiVersion == "autoscaling/v2"
                ? ResourceTypes.HorizontalPodAutoscalerV2
                : ResourceTypes.HorizontalPodAutoscalerV2Beta2;
            var pdb = capabilities.PodDisruptionBudgetApiVersion == "policy/v1"
                ? ResourceTypes.PodDisruptionBudget
                : ResourceTypes.PodDisruptionBudgetV1Beta1;
            var services = informers.Services.Store;
            var accounts = informers.Children.Get<V1ServiceAccount>();
            var claims = informers.Children.Get<V1PersistentVolumeClaim>();
            IEnumerable<ObjectKey> EnqueueServicesForFamily(V1ObjectMeta metadata, string? family) =>
                family is null ? [] : services.ByIndex(EcsInformers.TaskDefinitionFamilyIndex, EcsInformers.Scoped(metadata, family)).Select(ObjectKey.From);

            var reconciler = new ServiceReconciler(informers, applier, events, discovery, time, metrics, aws);
            var builder = new ControllerBuilder<EcsService>("ecsservice", informers.Resources);
            // The integrations' kinds are watched (an edited or deleted child restored) where served when the
            // controller starts; they are applied and pruned whenever discovery says they are served.
            var translation = CapabilitiesMapping.ToTranslation(capabilities);
            foreach (var kind in ServiceReconciler.PrunedKinds(translation).Where(k => k.Group is "elbv2.k8s.aws" or "gateway.networking.k8s.io"))
            {
                builder = kind.Kind == TargetGroupBinding.KubeKind
                    ? builder.Owns<TargetGroupBinding>(informers.Children.Get<TargetGroupBinding>(kind))
                    : builder.Owns<HttpRoute>(informers.Children.Get<HttpRoute>(kind));
            }

            var controller = builder
                .Owns(informers.Deployments)
                .Owns(informers.DaemonSets)
                .Owns<V1Service>(informers.Children.Get<V1Service>())
                .Owns(accounts)
                .Owns(claims)
                .Watches(accounts, a => RenderedChildren.EnqueueServicesForSharedChild(
                    informers, a.Metadata.NamespaceProperty, pod => pod.ServiceAccountName == a.Metadata.Name))
                .Watches(claims, c => RenderedChildren.EnqueueServicesForSharedChild(
                    informers, c.Metadata.NamespaceProperty, pod => pod.Volumes?.Any(v => v.PersistentVolumeClaim?.ClaimName == c.Metadata.Name) == true))
                .Owns<V2HorizontalPodAutoscaler>(informers.Children.Get<V2HorizontalPodAutoscaler>(hpa))
                .Owns<V1PodDisruptionBudget>(informers.Children.Get<V1PodDisruptionBudget>(pdb))
                .Owns<V1Ingress>(informers.Children.Get<V1Ingress>(ResourceTypes.Ingress))
                .Watches(informers.TaskDefinitions, td => EnqueueServicesForFamily(td.Metadata, EcsInformers.EffectiveFamily(td)), s_specOnly)
                .Watches(informers.TaskDefinitions, reconciler.Waiters.Release)
                .Watches(informers.Revisions, r => EnqueueServicesForFamily(r.Metadata, r.Metadata.Label(Api.WellKnownLabels.Family)))
                .Watches(informers.Clusters, c => services.ByIndex(EcsInformers.ClusterIndex, EcsInformers.Scoped(c.Metadata, c.Metadata.Name)).Select(ObjectKey.From), s_specOnly)
                .Watches(informers.ClusterPolicies, _ => services.List().Select(ObjectKey.From), s_specOnly)
                .Watches(informers.Namespaces, n => services.ByNamespace(n.Metadata.Name).Select(ObjectKey.From), s_specOnly)
                .Watches(informers.Pods, p => p.Metadata.Label(Api.WellKnownLabels.Service) is { } service
                    ? [new ObjectKey(p.Metadata.NamespaceProperty, service)]
                    : [])
                .WithOptions(options)
                .Build(reconciler);
            RenderAgainWhenIntegrationsChange(discovery, controller, services);
            return controller;
        });

    /// <summary>
    /// Queues every object of <paramref name="store"/> when discovery finds other integrations (KEDA, the load
    /// balancer controllers, External Secrets): what they render depends on it. Nothing else tells them: the CRDs
    /// are not watched.
    /// </summary>
    private static void RenderAgainWhenIntegrationsChange<T>(ICapabilitiesSource discovery, Controller<T> controller, Store<T> store)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        discovery.IntegrationsChanged += _ =>
        {
            foreach (var key in store.Keys())
            {
                controller.Enqueue(key);
            }
        };
    }

    private static IEnumerable<ObjectKey> EnqueueScheduleOfRun(V1ObjectMeta metadata) =>
        metadata.Label(Api.WellKnownLabels.ScheduledTask) is { } schedule ? [new ObjectKey(metadata.NamespaceProperty, schedule)] : [];

    public static IManagedController Tasks(
        EcsInformers informers,
        IChildWriter applier,
        IEventRecorder events,
        ICapabilitiesSource discovery,
        TimeProvider time,
        ControllerOptions options,
        IPodRefusals? refusals = null,
        TaskOptions? taskOptions = null)
    {
        var tasks = informers.Tasks.Store;
        var reconciler = new TaskReconciler(informers, applier, events, discovery, time, refusals, taskOptions);
        var controller = new ControllerBuilder<EcsTask>("ecstask", informers.Resources)
            .Owns(informers.Jobs)
            .Watches(informers.Pods, p => p.Metadata.Label(Api.WellKnownLabels.Task) is { } task
                ? [new ObjectKey(p.Metadata.NamespaceProperty, task)]
                : [])
            .Watches(informers.TaskDefinitions, td => tasks.ByNamespace(td.Metadata.NamespaceProperty).Where(t => t.Status?.TaskDefinition is null).Select(ObjectKey.From), s_specOnly)
            .Watches(informers.TaskDefinitions, reconciler.Waiters.Release)
            .Watches(informers.Revisions, r => tasks.ByNamespace(r.Metadata.NamespaceProperty).Where(t => t.Status?.TaskDefinition is null).Select(ObjectKey.From))
            .Watches(informers.Clusters, c => tasks.ByNamespace(c.Metadata.NamespaceProperty).Where(t => t.Status?.TaskDefinition is null).Select(ObjectKey.From), s_specOnly)
            .Watches(informers.ClusterPolicies, _ => tasks.List().Where(t => t.Status?.TaskDefinition is null).Select(ObjectKey.From), s_specOnly)
            .WithOptions(options)
            .Build(reconciler);
        RenderAgainWhenIntegrationsChange(discovery, controller, tasks);
        return controller;
    }

    /// <summary>The scheduled task controller; built after discovery, because the CronJob version depends on the cluster.</summary>
    public static IManagedController ScheduledTasks(
        EcsInformers informers,
        IChildWriter applier,
        IEventRecorder events,
        ICapabilitiesSource discovery,
        TimeProvider time,
        ControllerOptions options,
        ScheduledTaskOptions? scheduleOptions = null,
        IPodRefusals? refusals = null,
        TaskOptions? taskOptions = null) =>
        new DeferredController("ecsscheduledtask", async cancellationToken =>
        {
            var capabilities = await discovery.GetAsync(cancellationToken).ConfigureAwait(false);
            var cronJobType = capabilities.CronJobApiVersion == "batch/v1" ? ResourceTypes.CronJob : ResourceTypes.CronJobV1Beta1;
            var cronJobs = informers.Children.Get<V1CronJob>(cronJobType);
            var schedules = informers.ScheduledTasks.Store;
            var reconciler = new ScheduledTaskReconciler(informers, cronJobs, applier, events, discovery, time, scheduleOptions, refusals, taskOptions);
            IEnumerable<ObjectKey> EnqueueSchedulesForNamespace(V1ObjectMeta metadata) => schedules.ByNamespace(metadata.NamespaceProperty).Select(ObjectKey.From);
            var controller = new ControllerBuilder<EcsScheduledTask>("ecsscheduledtask", informers.Resources)
                .Owns(cronJobs)

                // Runs' Jobs and pods by label: a CronJob's Jobs are the CronJob's, not the schedule's.
                .Watches(informers.Jobs, j => EnqueueScheduleOfRun(j.Metadata))
                .Watches(informers.Pods, p => EnqueueScheduleOfRun(p.Metadata))
                .Watches(informers.TaskDefinitions, td => EnqueueSchedulesForNamespace(td.Metadata), s_specOnly)
                .Watches(informers.TaskDefinitions, reconciler.Waiters.Release)
                .Watches(informers.Revisions, r => EnqueueSchedulesForNamespace(r.Metadata))
                .Watches(informers.Clusters, c => EnqueueSchedulesForNamespace(c.Metadata), s_specOnly)
                .Watches(informers.ClusterPolicies, _ => schedules.List().Select(ObjectKey.From), s_specOnly)
                .Watches(informers.Namespaces, n => schedules.ByNamespace(n.Metadata.Name).Select(ObjectKey.From), s_specOnly)
                .WithOptions(options)
                .Build(reconciler);
            RenderAgainWhenIntegrationsChange(discovery, controller, schedules);
            return controller;
        });

    /// <summary>
    /// The EcsEventRule controller: validation and status. The delivery (<see cref="EcsEventSource"/>,
    /// <see cref="EventDispatcher"/>) queues a rule whose counts changed, after the write interval, so writes coalesce.
    /// </summary>
    public static IManagedController EventRules(
        EcsInformers informers, IChildWriter applier, IEventRecorder events, EventDispatcher dispatcher, TimeProvider time, ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        var controller = new ControllerBuilder<EcsEventRule>("ecseventrule", informers.Resources)
            .WithOptions(options)
            .Build(new EventRuleReconciler(informers, applier, events, dispatcher, time));
        dispatcher.StatusChanged = key => controller.Enqueue(key, dispatcher.Options.WriteInterval);
        return controller;
    }
}
