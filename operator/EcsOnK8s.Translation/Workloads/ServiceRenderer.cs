using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads.Routing;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// An EcsService as Deployments (one per capacity provider, replicas split by ECS's base/weight rule) or a
/// DaemonSet, ClusterIP Services, what receives its load balancers' traffic (TargetGroupBindings, HTTPRoutes or
/// Ingresses), a PodDisruptionBudget, an HPA (or KEDA's ScaledObject) and what the pod template needs beside it.
/// </summary>
public static class ServiceRenderer
{
    /// <summary>
    /// progressDeadlineSeconds when the deployment circuit breaker is on and the EcsCluster sets no
    /// deploymentProgressDeadlineSeconds: after that the operator marks the rollout FAILED.
    /// </summary>
    public const int CircuitBreakerProgressDeadlineSeconds = 600;

    /// <summary>Annotation that tells the operator to run the circuit breaker: "enable" or "enable,rollback".</summary>
    public const string CircuitBreakerAnnotation = EcsApi.Group + "/circuit-breaker";

    private const string P = "service.";

    public static List<IKubernetesObject<V1ObjectMeta>> Render(RenderRequest request, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        var service = request.Service!;
        var spec = service.Spec ?? new EcsServiceSpec();
        var name = KubeNames.Sanitize(service.Metadata?.Name ?? spec.ServiceName, fallback: "service");
        var daemon = spec.SchedulingStrategy == "DAEMON";
        var cluster = request.Cluster?.Spec ?? new EcsClusterSpec();
        var capacity = request.ScalingBounds ?? ScalingBounds(service, request.Now);
        var drain = !daemon && spec.DeploymentConfiguration?.MinimumHealthyPercent is { } minimumHealthy
            ? DisruptionBudget.Decide(minimumHealthy, DesiredCount(spec, capacity), name, request.Capabilities.PdbApiVersion)
            : null;
        ReportServiceFields(spec, cluster, daemon, drain, report);

        var frame = WorkloadFrame.Create(
            request, service.Metadata, name, spec.ServiceName ?? name, spec.Cluster, WellKnownLabels.Service, spec.Tags, spec.PropagateTags == "SERVICE",
            runToCompletion: false, overrides: null, P + "overrides", P, report);
        var (ns, labels, template) = (frame.Namespace, frame.Labels, frame.Template);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>(frame.Pod.Companions);
        frame.ApplyPlacement(spec.PlacementConstraints, daemon ? null : spec.PlacementStrategy);
        if (spec.AvailabilityZoneRebalancing == "ENABLED" && !daemon)
        {
            WorkloadScheduling.AddSpread(template.Spec, "topology.kubernetes.io/zone", labels.Selector);
        }

        LaunchVolumes.Apply(template.Spec, request.TaskDefinition.Spec, spec.VolumeConfigurations, request.Capabilities, P, report);
        ApplyGracePeriod(template.Spec, spec.HealthCheckGracePeriodSeconds, report);
        if (service.Metadata?.Annotations?.TryGetValue(WellKnownAnnotations.ForceNewDeployment, out var forced) == true)
        {
            // UpdateService's forceNewDeployment: a new value is a new pod template, so every task is replaced.
            template.Metadata.Annotations = WorkloadLabels.With(
                template.Metadata.Annotations ?? new Dictionary<string, string>(), WellKnownAnnotations.ForceNewDeployment, forced);
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownAnnotations.TaskDefinition] = request.TaskDefinition.Identifier,
        };
        var breaker = spec.DeploymentConfiguration?.DeploymentCircuitBreaker;
        if (breaker?.Enable == true && !daemon)
        {
            annotations[CircuitBreakerAnnotation] = breaker.Rollback == true ? "enable,rollback" : "enable";
        }

        if (daemon)
        {
            if (spec.CapacityProviderStrategy is { Count: > 0 })
            {
                report.Rejected(P + "capacityProviderStrategy", "a DAEMON service cannot use a capacity provider strategy (as in ECS)");
            }

            // A daemon takes its provider from the launch type alone: only the cluster's providers count, not its default strategy.
            var shares = WorkloadScheduling.ResolveProviders(spec.LaunchType, null, new EcsClusterSpec { CapacityProviders = cluster.CapacityProviders }, 0, P, report);
            if (shares.Count == 1 && shares[0].Provider is { } provider)
            {
                WorkloadScheduling.ApplyProvider(template.Spec, provider, P + "launchType", report);
            }

            objects.Add(BuildDaemonSet(spec, name, ns, labels, annotations, template));
        }
        else
        {
            var desired = DesiredCount(spec, capacity);
            var shares = frame.ResolveProviders(spec.LaunchType, spec.CapacityProviderStrategy, desired);
            var bounds = RollingUpdateBounds.ForDeployment(
                spec.DeploymentConfiguration?.MinimumHealthyPercent, spec.DeploymentConfiguration?.MaximumPercent);
            // Copies first: each provider's constraints go to its own template only.
            var templates = shares.Select((_, i) => i == 0 ? template : WorkloadPod.Clone(template)).ToList();
            for (var i = 0; i < shares.Count; i++)
            {
                var share = shares[i];
                var shareTemplate = templates[i];
                var selector = labels.Selector;
                var deploymentName = name;
                if (share.Name is not null && shares.Count > 1)
                {
                    selector = WorkloadLabels.With(selector, WellKnownLabels.CapacityProvider, KubeNames.LabelValue(share.Name));
                    deploymentName = KubeNames.Join(name, share.Name);
                }

                frame.ApplyShare(shareTemplate, share, spec.LaunchType);

                objects.Add(BuildDeployment(deploymentName, ns, labels, share, annotations, selector, shareTemplate, bounds, breaker?.Enable == true ? ProgressDeadline(cluster) : null));
            }
        }

        var targets = new List<LoadBalancerTarget>();
        objects.AddRange(ServiceNetworking.Build(spec, request.TaskDefinition.Spec, name, ns, labels.Selector, labels.Object, report, targets));
        objects.AddRange(LoadBalancerRouting.Build(targets, name, ns, labels.Object, cluster.Ingress, request.Capabilities, report));
        if (drain is { Renders: true })
        {
            objects.Add(DisruptionBudget.Build(drain, name, ns, labels.Selector, labels.Object, request.Capabilities.PdbApiVersion));
        }

        if (spec.AutoScaling is { } scaling)
        {
            if (daemon)
            {
                report.Rejected(P + "autoScaling", "a DAEMON service runs one task per node and cannot be scaled");
            }
            else
            {
                objects.AddRange(AutoScalingRenderer.Render(scaling, capacity!, request, name, ns, labels.Object, report));
            }
        }

        // The pod's companions (service account, claims, external secrets) stay without the workload's labels: other
        // workloads of the namespace render the same objects (RenderResult.Shared).
        return objects;
    }

    /// <summary>
    /// The replicas of a REPLICA service: desiredCount (default the registered minCapacity, else 1), clamped into the
    /// scalable target's bounds in force when the service has one, as Application Auto Scaling holds ECS's
    /// desiredCount. The one place the count is decided: the Deployments split it, the operator reports it as
    /// status.desiredCount.
    /// </summary>
    public static int DesiredCount(EcsServiceSpec spec, ScheduledScalingResult? bounds)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var desired = spec.DesiredCount ?? spec.AutoScaling?.MinCapacity ?? 1;
        return bounds?.Clamp(desired) ?? desired;
    }

    /// <summary>
    /// The scalable target's bounds at <paramref name="now"/> (null offline: the registered bounds), or null when the
    /// service has none (no autoScaling, or a DAEMON service). rate() actions without a startTime count from the
    /// service's creation.
    /// </summary>
    public static ScheduledScalingResult? ScalingBounds(EcsService service, DateTimeOffset? now)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Spec?.AutoScaling is not { } scaling || service.Spec.SchedulingStrategy == "DAEMON")
        {
            return null;
        }

        var created = service.Metadata?.CreationTimestamp is { } t
            ? new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc))
            : (DateTimeOffset?)null;
        return ScheduledScaling.Evaluate(scaling, now, created);
    }

    private static int ProgressDeadline(EcsClusterSpec cluster) =>
        cluster.DeploymentProgressDeadlineSeconds ?? CircuitBreakerProgressDeadlineSeconds;

    private static V1Deployment BuildDeployment(
        string name,
        string ns,
        WorkloadLabels labels,
        ProviderShare share,
        Dictionary<string, string> annotations,
        IReadOnlyDictionary<string, string> selector,
        V1PodTemplateSpec template,
        RollingUpdateBounds.Bounds bounds,
        int? progressDeadlineSeconds)
    {
        var objectLabels = share.Name is not null
            ? WorkloadLabels.With(labels.Object, WellKnownLabels.CapacityProvider, KubeNames.LabelValue(share.Name))
            : WorkloadLabels.Copy(labels.Object);

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = objectLabels,
                Annotations = WorkloadLabels.Copy(annotations),
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = share.Count,
                Selector = new V1LabelSelector { MatchLabels = WorkloadLabels.Copy(selector) },
                Template = template,
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = bounds.MaxSurge, MaxUnavailable = bounds.MaxUnavailable },
                },
                ProgressDeadlineSeconds = progressDeadlineSeconds,
            },
        };
    }

    private static V1DaemonSet BuildDaemonSet(
        EcsServiceSpec spec,
        string name,
        string ns,
        WorkloadLabels labels,
        Dictionary<string, string> annotations,
        V1PodTemplateSpec template)
    {
        var bounds = RollingUpdateBounds.ForDaemonSet(spec.DeploymentConfiguration?.MinimumHealthyPercent);
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = WorkloadLabels.Copy(labels.Object),
                Annotations = WorkloadLabels.Copy(annotations),
            },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels.Selector, StringComparer.Ordinal) },
                Template = template,
                UpdateStrategy = new V1DaemonSetUpdateStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = bounds.MaxUnavailable },
                },
            },
        };
    }

    /// <summary>
    /// healthCheckGracePeriodSeconds: ECS ignores failing health checks for that long after a task starts. The
    /// closest is to start the container's first probe that can kill it (startupProbe, else livenessProbe) no
    /// earlier than the grace period; readiness is untouched, so an unready task still gets no traffic.
    /// </summary>
    private static void ApplyGracePeriod(V1PodSpec pod, int? grace, TranslationReport report)
    {
        if (grace is not { } seconds)
        {
            return;
        }

        var probed = 0;
        foreach (var c in pod.Containers)
        {
            var probe = c.StartupProbe ?? c.LivenessProbe;
            if (probe is null)
            {
                continue;
            }

            probe.InitialDelaySeconds = Math.Max(probe.InitialDelaySeconds ?? 0, seconds);
            probed++;
        }

        if (probed == 0)
        {
            report.Ignored(P + "healthCheckGracePeriodSeconds", "no container has a health check to delay");
        }
        else
        {
            report.Approximated(P + "healthCheckGracePeriodSeconds", $"initialDelaySeconds {seconds} on each container's startup (else liveness) probe: health checks start after the grace period instead of being ignored during it");
        }
    }

    /// <summary>ECS's rule for service names (CreateService refuses anything else).</summary>
    private static bool IsEcsServiceName(string name) =>
        name.Length is > 0 and <= 255 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void ReportServiceFields(EcsServiceSpec spec, EcsClusterSpec cluster, bool daemon, DisruptionBudget.Plan? drain, TranslationReport report)
    {
        CommonWorkloadFields.Report(report, P, spec.Cluster, P, spec.TaskDefinition, spec.PlatformVersion, spec.NetworkConfiguration, spec.EnableExecuteCommand);
        if (spec.ServiceName is { } serviceName && !IsEcsServiceName(serviceName))
        {
            var shown = serviceName.Length > 64 ? serviceName[..64] + "…" : serviceName;
            report.Rejected(P + "serviceName", $"'{shown}' ({serviceName.Length} characters) must be 1-255 ASCII letters, digits, '-' or '_', as in ECS");
        }
        else
        {
            report.AddIfSet(spec.ServiceName, P, "serviceName", Disposition.Mapped, "app.kubernetes.io/name label");
        }

        report.AddIfSet(spec.AvailabilityZoneRebalancing, P, "availabilityZoneRebalancing", spec.AvailabilityZoneRebalancing == "ENABLED" ? Disposition.Approximated : Disposition.Mapped,
            spec.AvailabilityZoneRebalancing == "ENABLED"
                ? "a zone topology spread keeps new pods balanced; running pods are not moved (the descheduler can)"
                : "no rebalancing");
        report.AddIfSet(spec.DesiredCount, P, "desiredCount", daemon ? Disposition.Ignored : Disposition.Mapped,
            daemon ? "a DAEMON service runs one task per node" : "Deployment replicas, split over the capacity providers; the operator owns them (an HPA scales the EcsService)");
        report.AddIfSet(spec.ClientToken, P, "clientToken", Disposition.Ignored, "an idempotency token of the CreateService call");
        report.AddIfSet(spec.Role, P, "role", Disposition.Ignored, "the service-linked IAM role for load balancers: AWS-only");
        report.AddIfSet(spec.SchedulingStrategy, P, "schedulingStrategy", Disposition.Mapped, daemon ? "a DaemonSet" : "a Deployment per capacity provider");
        report.AddIfSet(spec.Tags, P, "tags", Disposition.Mapped, $"labels {WellKnownLabels.TagPrefix}<key> on the rendered objects");
        report.AddIfSet(spec.EnableECSManagedTags, P, "enableECSManagedTags", Disposition.Ignored, "ECS-managed tags (aws:ecs:*) have no counterpart; the ecsonk8s.io labels name the cluster and service");
        report.AddIfSet(spec.PropagateTags, P, "propagateTags", Disposition.Mapped,
            spec.PropagateTags switch
            {
                "SERVICE" => "the service's tags are pod labels too",
                "TASK_DEFINITION" => "the task definition's tags are pod labels",
                _ => "tags stay on the rendered objects",
            });
        report.AddIfSet(spec.VpcLatticeConfigurations, P, "vpcLatticeConfigurations", Disposition.Ignored, "VPC Lattice is AWS-only");
        if (daemon)
        {
            report.AddIfSet(spec.PlacementStrategy, P, "placementStrategy", Disposition.Ignored, "a DAEMON service runs one task on every node: no placement strategy (as in ECS)");
        }

        if (spec.DeploymentController is { } controller)
        {
            if (controller.Type is null or "ECS")
            {
                report.Mapped(P + "deploymentController", "rolling updates by the Deployment controller and the operator");
            }
            else
            {
                report.Rejected(P + "deploymentController.type", $"deployment controller {controller.Type} is not supported: only ECS rolling deployments");
            }
        }

        var dc = spec.DeploymentConfiguration;
        if (dc is null)
        {
            return;
        }

        const string d = "deploymentConfiguration.";
        if (daemon)
        {
            var bounds = RollingUpdateBounds.ForDaemonSet(dc.MinimumHealthyPercent);
            report.AddIfSet(dc.MinimumHealthyPercent, P, d + "minimumHealthyPercent", bounds.Disposition, bounds.Reason);
            report.AddIfSet(dc.MaximumPercent, P, d + "maximumPercent", Disposition.Ignored, "a DAEMON service never runs more than one task per node (as in ECS)");
        }
        else
        {
            var bounds = RollingUpdateBounds.ForDeployment(dc.MinimumHealthyPercent, dc.MaximumPercent);
            report.AddIfSet(
                dc.MinimumHealthyPercent,
                P,
                d + "minimumHealthyPercent",
                drain?.Disposition == Disposition.Approximated ? Disposition.Approximated : bounds.Disposition,
                drain is null ? bounds.Reason : $"{bounds.Reason}; drains: {drain.Reason}");
            report.AddIfSet(dc.MaximumPercent, P, d + "maximumPercent", bounds.Disposition, bounds.Reason);
        }

        if (dc.DeploymentCircuitBreaker is { } cb)
        {
            if (daemon && cb.Enable == true)
            {
                report.Ignored(P + d + "deploymentCircuitBreaker", "the circuit breaker applies to REPLICA services");
            }
            else
            {
                report.AddIfSet(cb.Enable, P, d + "deploymentCircuitBreaker.enable", Disposition.Mapped,
                    cb.Enable == true
                        ? $"progressDeadlineSeconds {ProgressDeadline(cluster)} and annotation {CircuitBreakerAnnotation}: the operator marks a stalled or crash-looping rollout FAILED"
                        : "no circuit breaker");
                report.AddIfSet(cb.Rollback, P, d + "deploymentCircuitBreaker.rollback", Disposition.Mapped,
                    cb.Rollback == true ? "the operator rolls a FAILED rollout back to the last COMPLETED revision" : "no rollback");
            }
        }

        if (dc.Alarms is { } alarms)
        {
            report.Approximated(P + d + "alarms", alarms.Enable == true
                ? "CloudWatch alarms are not watched; only the circuit breaker's progress and crash-loop checks can fail a rollout"
                : "alarms are disabled");
        }

        if (dc.Strategy is { } strategy)
        {
            report.Add(P + d + "strategy", strategy == "ROLLING" ? Disposition.Mapped : Disposition.Approximated,
                strategy == "ROLLING" ? "a rolling update" : $"{strategy} deployments need Argo Rollouts or Flagger: rendered as a rolling update");
        }

        report.AddIfSet(dc.BakeTimeInMinutes, P, d + "bakeTimeInMinutes", Disposition.Approximated, "no bake time: a rollout completes when the new pods are available");
        report.AddIfSet(dc.LifecycleHooks, P, d + "lifecycleHooks", Disposition.Ignored, "Lambda lifecycle hooks are AWS-only");
        report.AddIfSet(dc.LinearConfiguration, P, d + "linearConfiguration", Disposition.Approximated, "rendered as a rolling update");
        report.AddIfSet(dc.CanaryConfiguration, P, d + "canaryConfiguration", Disposition.Approximated, "rendered as a rolling update");
    }
}
