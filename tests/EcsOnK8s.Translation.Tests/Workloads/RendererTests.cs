using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

public class RendererTests
{
    private static ResolvedTaskDefinition TaskDefinition(int revision = 3) => new("web", revision, new EcsTaskDefinitionSpec
    {
        Family = "web",
        NetworkMode = "awsvpc",
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = "app",
                Image = "nginx:1.27",
                Memory = 512,
                PortMappings = [new PortMapping { ContainerPort = 8080, Name = "http", AppProtocol = "http" }],
            },
        ],
    });

    private static EcsService Service(EcsServiceSpec spec) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
        Spec = spec,
    };

    private static RenderResult Render(EcsServiceSpec spec, ClusterCapabilities? capabilities = null, EcsClusterSpec? cluster = null, int revision = 3) =>
        Renderer.Render(new RenderRequest
        {
            TaskDefinition = TaskDefinition(revision),
            Service = Service(spec),
            Capabilities = capabilities ?? ClusterCapabilities.Kubernetes130,
            Cluster = cluster is null ? null : new EcsCluster { Metadata = new V1ObjectMeta { Name = "prod" }, Spec = cluster },
        });

    [Fact]
    public void Render_NoWorkload_Throws()
    {
        Assert.Throws<ArgumentException>(() => Renderer.Render(new RenderRequest { TaskDefinition = TaskDefinition() }));
    }

    [Fact]
    public void Render_TwoWorkloads_Throws()
    {
        var request = new RenderRequest
        {
            TaskDefinition = TaskDefinition(),
            Service = Service(new EcsServiceSpec()),
            Task = new EcsTask { Metadata = new V1ObjectMeta { Name = "t" } },
        };

        Assert.Throws<ArgumentException>(() => Renderer.Render(request));
    }

    [Theory]
    [InlineData(20, "autoscaling/v2beta2")]
    [InlineData(30, "autoscaling/v2")]
    public void Render_AutoScaling_HpaApiVersionFromCapabilitiesAndTargetsEcsService(int minor, string apiVersion)
    {
        var capabilities = minor == 20 ? ClusterCapabilities.Kubernetes120 : ClusterCapabilities.Kubernetes130;
        var spec = new EcsServiceSpec
        {
            DesiredCount = 2,
            AutoScaling = new ServiceAutoScaling
            {
                MinCapacity = 2,
                MaxCapacity = 9,
                TargetTrackingPolicies =
                [
                    new TargetTrackingPolicy { TargetValue = 60, PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = "ECSServiceAverageCPUUtilization" } },
                ],
            },
        };

        var result = Render(spec, capabilities);

        var hpa = Assert.Single(result.Objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal(apiVersion, hpa.ApiVersion);
        Assert.Equal("EcsService", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal(EcsApi.ApiVersion, hpa.Spec.ScaleTargetRef.ApiVersion);
        Assert.Equal("web", hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(2, hpa.Spec.MinReplicas);
        Assert.Equal(9, hpa.Spec.MaxReplicas);
        Assert.Equal(60, Assert.Single(hpa.Spec.Metrics).Resource.Target.AverageUtilization);
        Assert.Equal(2, Assert.Single(result.Objects.OfType<V1Deployment>()).Spec.Replicas);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2026-12-07T06:00:00.000Z")]
    public void Render_ForceNewDeploymentAnnotation_OnThePodTemplateOnlyWhenSet(string? forced)
    {
        var service = Service(new EcsServiceSpec { DesiredCount = 1 });
        if (forced is not null)
        {
            service.Metadata.Annotations = new Dictionary<string, string> { [WellKnownAnnotations.ForceNewDeployment] = forced };
        }

        var rendered = Renderer.Render(new RenderRequest { TaskDefinition = TaskDefinition(), Service = service, Capabilities = ClusterCapabilities.Kubernetes130 });
        var template = Assert.Single(rendered.Objects.OfType<V1Deployment>()).Spec.Template.Metadata.Annotations;

        Assert.Equal(forced, template.TryGetValue(WellKnownAnnotations.ForceNewDeployment, out var value) ? value : null);
        Assert.Equal("web:3", template[WellKnownAnnotations.TaskDefinition]);
    }

    [Fact]
    public void Render_NewRevision_SelectorUnchangedAndWithoutRevision()
    {
        var first = Assert.Single(Render(new EcsServiceSpec { DesiredCount = 1 }, revision: 3).Objects.OfType<V1Deployment>());
        var second = Assert.Single(Render(new EcsServiceSpec { DesiredCount = 1 }, revision: 4).Objects.OfType<V1Deployment>());

        Assert.Equal(first.Spec.Selector.MatchLabels, second.Spec.Selector.MatchLabels);
        Assert.DoesNotContain(WellKnownLabels.Revision, first.Spec.Selector.MatchLabels.Keys);
        Assert.Equal("4", second.Spec.Template.Metadata.Labels[WellKnownLabels.Revision]);
        foreach (var (key, value) in first.Spec.Selector.MatchLabels)
        {
            Assert.Equal(value, first.Spec.Template.Metadata.Labels[key]);
        }
    }

    [Fact]
    public void Render_CapacityProviderStrategy_OneDeploymentPerProviderWithItsScheduling()
    {
        var cluster = new EcsClusterSpec
        {
            CapacityProviders =
            [
                new CapacityProvider { Name = "FARGATE", NodeSelector = new Dictionary<string, string> { ["pool"] = "on-demand" } },
                new CapacityProvider { Name = "FARGATE_SPOT", NodeSelector = new Dictionary<string, string> { ["pool"] = "spot" }, Tolerations = [new V1Toleration { Key = "spot", OperatorProperty = "Exists" }] },
            ],
        };
        var spec = new EcsServiceSpec
        {
            DesiredCount = 10,
            CapacityProviderStrategy =
            [
                new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Base = 2, Weight = 1 },
                new CapacityProviderStrategyItem { CapacityProvider = "FARGATE_SPOT", Weight = 3 },
            ],
        };

        var deployments = Render(spec, cluster: cluster).Objects.OfType<V1Deployment>().ToList();

        Assert.Equal(["web-fargate", "web-fargate-spot"], deployments.Select(d => d.Metadata.Name));
        Assert.Equal([4, 6], deployments.Select(d => d.Spec.Replicas ?? -1));
        Assert.Equal("on-demand", deployments[0].Spec.Template.Spec.NodeSelector["pool"]);
        Assert.Equal("spot", deployments[1].Spec.Template.Spec.NodeSelector["pool"]);
        Assert.Null(deployments[0].Spec.Template.Spec.Tolerations);
        Assert.Single(deployments[1].Spec.Template.Spec.Tolerations);
        Assert.NotEqual(deployments[0].Spec.Selector.MatchLabels[WellKnownLabels.CapacityProvider], deployments[1].Spec.Selector.MatchLabels[WellKnownLabels.CapacityProvider]);
    }

    [Fact]
    public void Render_UnknownCapacityProvider_RejectedWithoutObjects()
    {
        var spec = new EcsServiceSpec { DesiredCount = 1, CapacityProviderStrategy = [new CapacityProviderStrategyItem { CapacityProvider = "asg-1", Weight = 1 }] };

        var result = Render(spec);

        Assert.True(result.Rejected);
        Assert.Empty(result.Objects);
        Assert.Contains(result.Report.Rejections, e => e.Path == "service.capacityProviderStrategy[0]" && e.Reason.Contains("asg-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Daemon_DaemonSetWithoutReplicas()
    {
        var result = Render(new EcsServiceSpec { SchedulingStrategy = "DAEMON", DesiredCount = 3 });

        var daemonSet = Assert.Single(result.Objects.OfType<V1DaemonSet>());
        Assert.Empty(result.Objects.OfType<V1Deployment>());
        Assert.Equal("100%", daemonSet.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal(Disposition.Ignored, result.Report.Entries.Single(e => e.Path == "service.desiredCount").Disposition);
    }

    [Fact]
    public void Render_LoadBalancerOnUnknownPort_Rejected()
    {
        var spec = new EcsServiceSpec { LoadBalancers = [new LoadBalancer { ContainerName = "app", ContainerPort = 9999, TargetGroupArn = "arn:tg" }] };

        var result = Render(spec);

        Assert.Contains(result.Report.Rejections, e => e.Path == "service.loadBalancers[0]" && e.Reason.Contains("9999", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LoadBalancer_ClusterIpServiceWithNamedPortAndAppProtocol()
    {
        var spec = new EcsServiceSpec { DesiredCount = 1, LoadBalancers = [new LoadBalancer { ContainerName = "app", ContainerPort = 8080, TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/0123456789abcdef" }] };

        var result = Render(spec);

        var service = Assert.Single(result.Objects.OfType<V1Service>());
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(("http", 8080, "http", "ClusterIP"), (port.Name, port.Port, port.AppProtocol, service.Spec.Type));
        Assert.Equal(Disposition.Approximated, result.Report.Entries.Single(e => e.Path == "service.loadBalancers[0].targetGroupArn").Disposition);
    }

    [Fact]
    public void Render_DistinctInstanceAndMemberOf_AntiAffinityAndCrossProductOfTerms()
    {
        var spec = new EcsServiceSpec
        {
            DesiredCount = 1,
            PlacementConstraints =
            [
                new PlacementConstraint { Type = "distinctInstance" },
                new PlacementConstraint { Type = "memberOf", Expression = "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] or attribute:ecs.instance-type == t3.large" },
            ],
        };

        var pod = Assert.Single(Render(spec).Objects.OfType<V1Deployment>()).Spec.Template.Spec;

        var anti = Assert.Single(pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("kubernetes.io/hostname", anti.TopologyKey);
        Assert.Equal("web", anti.LabelSelector.MatchLabels[WellKnownLabels.Service]);
        Assert.Equal(2, pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Count);
    }

    [Fact]
    public void Render_ObjectsOrderedByKindThenName()
    {
        var spec = new EcsServiceSpec
        {
            DesiredCount = 1,
            LoadBalancers = [new LoadBalancer { ContainerName = "app", ContainerPort = 8080 }],
            AutoScaling = new ServiceAutoScaling { MinCapacity = 1, MaxCapacity = 2, TargetTrackingPolicies = [new TargetTrackingPolicy { TargetValue = 50, PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = "ECSServiceAverageMemoryUtilization" } }] },
        };

        var kinds = Render(spec).Objects.Select(o => o.Kind).ToList();

        Assert.Equal(["Service", "Deployment", "HorizontalPodAutoscaler"], kinds);
    }

    [Theory]
    [InlineData(true, "batch/v1", "Europe/Paris")]
    [InlineData(false, "batch/v1beta1", null)]
    public void Render_ScheduledTask_CronJobByCapability(bool modern, string apiVersion, string? timeZone)
    {
        var request = new RenderRequest
        {
            TaskDefinition = TaskDefinition(),
            Capabilities = modern ? ClusterCapabilities.Kubernetes130 : ClusterCapabilities.Kubernetes120,
            ScheduledTask = new EcsScheduledTask
            {
                Metadata = new V1ObjectMeta { Name = "nightly", NamespaceProperty = "jobs" },
                Spec = new EcsScheduledTaskSpec
                {
                    ScheduleExpression = "cron(0 2 ? * 1 *)",
                    ScheduleExpressionTimezone = "Europe/Paris",
                    State = "DISABLED",
                    Target = new ScheduleTarget { EcsParameters = new EcsParameters { TaskCount = 3 } },
                },
            },
        };

        var result = Renderer.Render(request);

        var cronJob = Assert.Single(result.Objects.OfType<V1CronJob>());
        Assert.Equal(apiVersion, cronJob.ApiVersion);
        Assert.Equal("0 2 * * 0", cronJob.Spec.Schedule);
        Assert.Equal(timeZone, cronJob.Spec.TimeZone);
        Assert.True(cronJob.Spec.Suspend);
        Assert.Equal("Allow", cronJob.Spec.ConcurrencyPolicy);
        Assert.Equal((3, 3, "Never"), (cronJob.Spec.JobTemplate.Spec.Parallelism, cronJob.Spec.JobTemplate.Spec.Completions, cronJob.Spec.JobTemplate.Spec.Template.Spec.RestartPolicy));
        Assert.Equal(modern ? Disposition.Mapped : Disposition.Approximated, result.Report.Entries.Single(e => e.Path == "scheduledTask.scheduleExpressionTimezone").Disposition);
    }

    [Fact]
    public void Render_Task_OneJobPerTaskNoRetry()
    {
        var request = new RenderRequest
        {
            TaskDefinition = TaskDefinition(),
            Task = new EcsTask { Metadata = new V1ObjectMeta { Name = "backfill" }, Spec = new EcsTaskSpec { Count = 3 } },
        };

        var jobs = Renderer.Render(request).Objects.OfType<V1Job>().ToList();

        Assert.Equal(["backfill-1", "backfill-2", "backfill-3"], jobs.Select(j => j.Metadata.Name));
        Assert.All(jobs, j => Assert.Equal((1, 0, "Never"), (j.Spec.Completions, j.Spec.BackoffLimit, j.Spec.Template.Spec.RestartPolicy)));
    }

    [Fact]
    public void Render_TwoServicesWithTheSameRoleAndVolume_SameSharedObjectsWithoutWorkloadLabels()
    {
        EcsTaskDefinitionSpec Spec() => new()
        {
            Family = "web",
            TaskRoleArn = "arn:aws:iam::123456789012:role/app",
            Volumes = [new Volume { Name = "data", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = "fs-12345678" } }],
            ContainerDefinitions =
            [
                new ContainerDefinition { Name = "app", Image = "nginx:1.27", Memory = 512, MountPoints = [new MountPoint { SourceVolume = "data", ContainerPath = "/data" }] },
            ],
        };
        RenderResult RenderFor(string service, string family) => Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition(family, 1, Spec()),
            Service = new EcsService { Metadata = new V1ObjectMeta { Name = service, NamespaceProperty = "shop" }, Spec = new EcsServiceSpec { DesiredCount = 1 } },
            Capabilities = ClusterCapabilities.Kubernetes130,
        });

        var web = RenderFor("web", "web");
        var api = RenderFor("api", "api");

        Assert.Equal(["PersistentVolumeClaim", "ServiceAccount"], web.Shared.Select(o => o.Kind).Order());
        Assert.All(web.Shared, o => Assert.Contains(o, web.Objects));
        Assert.DoesNotContain(web.Objects.OfType<V1Deployment>().Single(), web.Shared);
        Assert.Equal(
            web.Shared.Select(o => k8s.KubernetesJson.Serialize(o)),
            api.Shared.Select(o => k8s.KubernetesJson.Serialize(o)));
        Assert.All(web.Shared, o => Assert.Null(o.Metadata.Labels));
    }

    [Theory]
    [InlineData(300, 'a')]
    [InlineData(5, 'é')]
    [InlineData(5, '.')]
    public void Render_ServiceNameEcsRefuses_RejectedAtTheField(int length, char c)
    {
        var name = "web" + new string(c, length);

        var result = Render(new EcsServiceSpec { ServiceName = name, DesiredCount = 1 });

        Assert.Empty(result.Objects);
        var rejection = Assert.Single(result.Report.Rejections);
        Assert.Equal("service.serviceName", rejection.Path);
        Assert.Contains("255", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ServiceName255EcsCharacters_Rendered()
    {
        var result = Render(new EcsServiceSpec { ServiceName = new string('A', 250) + "_b-c9", DesiredCount = 1 });

        Assert.False(result.Rejected);
        Assert.NotEmpty(result.Objects);
    }

    [Fact]
    public void Render_ChildTheApiServerWouldRefuse_RejectedNamingTheObjectAndField()
    {
        // A Service Connect discovery name that starts with a digit passes the mappers, but a Service name must
        // start with a letter (DNS-1035); the rendered-object check refuses it before anything is applied.
        var result = Render(new EcsServiceSpec
        {
            DesiredCount = 1,
            ServiceConnectConfiguration = new ServiceConnectConfiguration { Enabled = true, Services = [new ServiceConnectService { PortName = "http", DiscoveryName = "1api" }] },
        });

        Assert.True(result.Rejected);
        Assert.Empty(result.Objects);
        var rejection = Assert.Single(result.Report.Rejections);
        Assert.Equal("Service 1api metadata.name", rejection.Path);
        Assert.Contains("the API server would refuse it", rejection.Reason, StringComparison.Ordinal);
    }
}
