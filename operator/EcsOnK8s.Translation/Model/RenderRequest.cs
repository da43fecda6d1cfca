using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Model;

/// <summary>
/// Everything <see cref="Renderer.Render"/> needs: the task definition revision, exactly one workload (service,
/// task or scheduled task), the cluster it runs in, what the target Kubernetes serves and the instant, for what
/// depends on time. Nothing else is read.
/// </summary>
public sealed record RenderRequest
{
    public required ResolvedTaskDefinition TaskDefinition { get; init; }

    /// <summary>The EcsCluster; a cluster with an empty spec (all defaults, all privileges denied) when null.</summary>
    public EcsCluster? Cluster { get; init; }

    public ClusterCapabilities Capabilities { get; init; } = ClusterCapabilities.Kubernetes130;

    /// <summary>
    /// What the cluster administrator's EcsClusterPolicies allow the EcsCluster's namespace (the tenant trust model):
    /// the cluster's spec.policy takes effect only within it. Null: no bound (offline conversion, where the
    /// EcsCluster's policy is taken as written).
    /// </summary>
    public ClusterPolicy? PolicyBound { get; init; }

    /// <summary>
    /// The least Pod Security level the namespace's pods must meet whatever the EcsCluster says
    /// (<see cref="PodSecurityLevels"/>): restricted where the namespace's enforce label or an EcsClusterPolicy asks
    /// for it; null for none.
    /// </summary>
    public string? PodSecurityFloor { get; init; }

    /// <summary>What set <see cref="PodSecurityFloor"/>, for messages (e.g. "namespace team-a label pod-security.kubernetes.io/enforce").</summary>
    public string? PodSecurityFloorSource { get; init; }

    public EcsService? Service { get; init; }

    public EcsTask? Task { get; init; }

    public EcsScheduledTask? ScheduledTask { get; init; }

    /// <summary>
    /// True in the operator, which creates the Jobs of a schedule no CronJob runs exactly at its fire times; false
    /// offline (<c>ecsonk8s convert</c>), where such a schedule gets the closest CronJob, reported as approximated.
    /// </summary>
    public bool OperatorTimesSchedules { get; init; }

    /// <summary>How late a run may still start after its fire time (a CronJob's startingDeadlineSeconds).</summary>
    public TimeSpan ScheduleCatchUpWindow { get; init; } = DefaultScheduleCatchUpWindow;

    /// <summary>The default of <see cref="ScheduleCatchUpWindow"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultScheduleCatchUpWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The AWS region of the resources a workload refers to by name only (an SQS queue's URL, the CloudWatch metrics
    /// KEDA reads): the operator's events region (<c>--events-region</c>), <c>local</c> unless set.
    /// </summary>
    public string AwsRegion { get; init; } = "local";

    /// <summary>The AWS account of those resources: the operator's events account (<c>--events-account</c>).</summary>
    public string AwsAccount { get; init; } = "000000000000";

    /// <summary>
    /// The instant to render for (the operator's clock); null offline. A service's scheduled scaling actions that
    /// ran by then set the bounds in force; without it the registered bounds hold.
    /// </summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// The service's scaling bounds at <see cref="Now"/> when the caller has them already
    /// (<see cref="Workloads.ServiceRenderer.ScalingBounds"/>), so its scheduled actions are evaluated once per
    /// reconcile; null: evaluated while rendering.
    /// </summary>
    public Workloads.ScheduledScalingResult? ScalingBounds { get; init; }
}
