using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Common;

/// <summary>
/// The children's caches keep what the reconcilers read and drop the rest. The reader tests run the readers on caches
/// that trim as the operator's do (<see cref="ReconcilerWorld"/>), seeded with whole objects.
/// </summary>
public class CachedChildrenTests
{
    private const string Hash = "ecsonk8s.io/desired-hash";

    /// <summary>A Deployment as the service reconciler renders it, then as the API server and its controller left it.</summary>
    private static async Task<V1Deployment> LiveDeploymentAsync(EcsService service, string serviceAccount = "role-web", string claim = "data", bool ready = false)
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Service());
        await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);
        var deployment = KubernetesJson.Deserialize<V1Deployment>(KubernetesJson.Serialize(world.Writer.AppliedOf<V1Deployment>().Single()));
        deployment.Metadata.Uid = "uid-deployment-api";
        deployment.Metadata.Generation = 1;
        deployment.Metadata.ResourceVersion = "7";
        deployment.Metadata.Annotations ??= new Dictionary<string, string>();
        deployment.Metadata.Annotations[Hash] = "h1";
        deployment.Metadata.OwnerReferences =
            [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = EcsService.KindName, Name = service.Metadata.Name, Uid = service.Metadata.Uid, Controller = true }];
        deployment.Spec.Template.Spec.ServiceAccountName = serviceAccount;
        deployment.Spec.Template.Spec.Volumes =
        [
            new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } },
        ];
        deployment.Status = ready
            ? new V1DeploymentStatus { ObservedGeneration = 1, Replicas = 2, UpdatedReplicas = 2, ReadyReplicas = 2, AvailableReplicas = 2 }
            : new V1DeploymentStatus
            {
                ObservedGeneration = 1,
                Replicas = 2,
                UpdatedReplicas = 2,
                ReadyReplicas = 1,
                AvailableReplicas = 1,
                Conditions = [new V1DeploymentCondition { Type = "ReplicaFailure", Status = "True", Message = "pods refused: quota" }],
            };
        return deployment;
    }

    [Fact]
    public async Task Trim_Deployment_KeepsWhatReadersReadDropsContainers()
    {
        var service = Seeds.Service();
        var deployment = await LiveDeploymentAsync(service);
        var before = KubernetesJson.Serialize(deployment.Metadata);
        Assert.NotEmpty(deployment.Spec.Template.Spec.Containers);

        CachedChildren.Trim(deployment);

        Assert.Equal(before, KubernetesJson.Serialize(deployment.Metadata));
        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.Equal("api", deployment.Spec.Selector.MatchLabels[WellKnownLabels.Service]);
        Assert.Equal("web:1", deployment.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);
        Assert.Null(deployment.Spec.Template.Spec.Containers);
        Assert.Null(deployment.Spec.Strategy);
        Assert.Equal("role-web", deployment.Spec.Template.Spec.ServiceAccountName);
        var volume = Assert.Single(deployment.Spec.Template.Spec.Volumes);
        Assert.Equal(("data", "data"), (volume.Name, volume.PersistentVolumeClaim.ClaimName));
        Assert.Equal(1, deployment.Status.ReadyReplicas);
        Assert.Equal("pods refused: quota", Assert.Single(deployment.Status.Conditions).Message);
    }

    [Fact]
    public async Task ServiceStatus_FromTrimmedDeployment_SameCountsRevisionAndRefusal()
    {
        var td = Seeds.TaskDefinition();
        var service = Seeds.Service();
        var deployment = await LiveDeploymentAsync(service);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service, deployment);
        Assert.Null(world.Informers.Deployments.Store.List().Single().Spec.Template.Spec.Containers);

        await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        var status = world.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal(1, status.RunningCount);
        var primary = Assert.Single(status.Deployments!, d => d.Status == "PRIMARY");
        Assert.EndsWith("web:1", primary.TaskDefinition, StringComparison.Ordinal);
        Assert.Contains(status.Conditions!, c => c.Message?.Contains("pods refused: quota", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ServiceStatus_FromTrimmedDeploymentAllReady_SteadyStateOfTheRevision()
    {
        // Steady needs the template's task definition, the replicas asked for and the whole status of the workload.
        var td = Seeds.TaskDefinition();
        var service = Seeds.Service();
        var deployment = await LiveDeploymentAsync(service, ready: true);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service, deployment);

        await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        var status = world.Writer.LastStatus<EcsServiceStatus>();
        Assert.Equal(2, status.RunningCount);
        Assert.Equal("COMPLETED", Assert.Single(status.Deployments!, d => d.Status == "PRIMARY").RolloutState);
        Assert.Contains(status.Conditions!, c => c.Type == ConditionTypes.Ready && c.Status == "True" && c.Reason == ConditionReasons.SteadyState);
    }

    [Fact]
    public async Task EnqueueServicesForSharedChild_TrimmedDeployment_FindsTheServiceByAccountAndByClaim()
    {
        var td = Seeds.TaskDefinition();
        var service = Seeds.Service();
        var deployment = await LiveDeploymentAsync(service, serviceAccount: "role-web", claim: "efs-data");
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service, deployment);

        var byAccount = RenderedChildren.EnqueueServicesForSharedChild(world.Informers, Seeds.Namespace, pod => pod.ServiceAccountName == "role-web");
        var byClaim = RenderedChildren.EnqueueServicesForSharedChild(
            world.Informers, Seeds.Namespace, pod => pod.Volumes?.Any(v => v.PersistentVolumeClaim?.ClaimName == "efs-data") == true);
        var byOther = RenderedChildren.EnqueueServicesForSharedChild(world.Informers, Seeds.Namespace, pod => pod.ServiceAccountName == "role-other");

        Assert.Equal([ReconcilerWorld.Key("api")], byAccount);
        Assert.Equal([ReconcilerWorld.Key("api")], byClaim);
        Assert.Empty(byOther);
    }

    public static TheoryData<string, IKubernetesObject<V1ObjectMeta>> MetadataOnly() => new()
    {
        { "HorizontalPodAutoscaler", new V2HorizontalPodAutoscaler { Metadata = Metadata(), Spec = new V2HorizontalPodAutoscalerSpec { MaxReplicas = 4 }, Status = new V2HorizontalPodAutoscalerStatus { DesiredReplicas = 2 } } },
        { "PodDisruptionBudget", new V1PodDisruptionBudget { Metadata = Metadata(), Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1 }, Status = new V1PodDisruptionBudgetStatus { CurrentHealthy = 1 } } },
        { "Service", new V1Service { Metadata = Metadata(), Spec = new V1ServiceSpec { ClusterIP = "10.0.0.1" }, Status = new V1ServiceStatus() } },
        { "ServiceAccount", new V1ServiceAccount { Metadata = Metadata(), Secrets = [new V1ObjectReference { Name = "token" }], AutomountServiceAccountToken = false } },
        { "PersistentVolumeClaim", new V1PersistentVolumeClaim { Metadata = Metadata(), Spec = new V1PersistentVolumeClaimSpec { VolumeName = "pv-1" }, Status = new V1PersistentVolumeClaimStatus { Phase = "Bound" } } },
        { "Ingress", new V1Ingress { Metadata = Metadata(), Spec = new V1IngressSpec { IngressClassName = "alb" }, Status = new V1IngressStatus() } },
    };

    [Theory]
    [MemberData(nameof(MetadataOnly))]
    public void Trim_KindNobodyReadsBeyondMetadata_KeepsMetadataOnly(string kind, IKubernetesObject<V1ObjectMeta> child)
    {
        var metadata = KubernetesJson.Serialize(child.Metadata);

        CachedChildren.Trim(child);

        Assert.Equal(metadata, KubernetesJson.Serialize(child.Metadata));
        Assert.Equal($$"""{"metadata":{{metadata}}}""", KubernetesJson.Serialize(child));
        Assert.NotNull(kind);
    }

    public static TheoryData<string, IKubernetesObject<V1ObjectMeta>> KeptWhole() => new()
    {
        { "ControllerRevision", Seeds.Revision(Seeds.TaskDefinition(), 3) },
        { "Job", new V1Job { Metadata = Metadata(), Spec = new V1JobSpec { Parallelism = 2, Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx" }] } } }, Status = new V1JobStatus { Active = 1 } } },
        { "Pod", new V1Pod { Metadata = Metadata(), Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx" }] }, Status = new V1PodStatus { Phase = "Running" } } },
        { "CronJob", new V1CronJob { Metadata = Metadata(), Spec = new V1CronJobSpec { Schedule = "0 * * * *" }, Status = new V1CronJobStatus { LastScheduleTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) } } },
        { "ConfigMap", new V1ConfigMap { Metadata = Metadata(), Data = new Dictionary<string, string> { ["record"] = "{}" } } },
    };

    [Theory]
    [MemberData(nameof(KeptWhole))]
    public void Trim_KindWhoseContentIsRead_Unchanged(string kind, IKubernetesObject<V1ObjectMeta> child)
    {
        var before = KubernetesJson.Serialize(child);

        CachedChildren.Trim(child);

        Assert.Equal(before, KubernetesJson.Serialize(child));
        Assert.NotNull(kind);
    }

    public static TheoryData<string, IKubernetesObject<V1ObjectMeta>> Incomplete() => new()
    {
        { "Deployment without spec", new V1Deployment { Metadata = Metadata() } },
        { "Deployment without template", new V1Deployment { Metadata = Metadata(), Spec = new V1DeploymentSpec { Replicas = 1 } } },
        { "Deployment without pod spec", new V1Deployment { Metadata = Metadata(), Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec() } } },
        { "Deployment with a null volume", new V1Deployment { Metadata = Metadata(), Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Volumes = [null!] } } } } },
        { "DaemonSet without spec", new V1DaemonSet() },
        { "HorizontalPodAutoscaler without metadata", new V2HorizontalPodAutoscaler() },
    };

    [Theory]
    [MemberData(nameof(Incomplete))]
    public void Trim_IncompleteObject_DoesNotThrow(string shape, IKubernetesObject<V1ObjectMeta> child)
    {
        var error = Record.Exception(() => CachedChildren.Trim(child));

        Assert.Null(error);
        Assert.NotNull(shape);
    }

    private static V1ObjectMeta Metadata() => new()
    {
        Name = "api",
        NamespaceProperty = Seeds.Namespace,
        Uid = "uid-child",
        ResourceVersion = "9",
        Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
        Annotations = new Dictionary<string, string> { [Hash] = "h1" },
        OwnerReferences = [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = EcsService.KindName, Name = "api", Uid = "uid-EcsService-api", Controller = true }],
    };
}
