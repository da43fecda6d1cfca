using System.Text.Json.Serialization;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Serialization;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// An ECS task definition family: the RegisterTaskDefinition request (or the taskDefinition object of
/// describe-task-definition) in ECS's own field names.
/// </summary>
public sealed class EcsTaskDefinitionSpec
{
    /// <summary>The family name. Defaults to the resource name.</summary>
    public string? Family { get; set; }

    /// <summary>IAM role for the task's containers; becomes a ServiceAccount annotated for EKS IRSA.</summary>
    public string? TaskRoleArn { get; set; }

    /// <summary>IAM role ECS uses to pull images and read secrets; selects the cluster's imagePullSecrets.</summary>
    public string? ExecutionRoleArn { get; set; }

    /// <summary>Docker networking mode: awsvpc and bridge use the pod network, host uses hostNetwork.</summary>
    [EnumValues("awsvpc", "bridge", "host", "none")]
    public string? NetworkMode { get; set; }

    /// <summary>The containers of the task.</summary>
    [SchemaRequired]
    public List<ContainerDefinition>? ContainerDefinitions { get; set; }

    /// <summary>Volumes that containers mount through mountPoints.</summary>
    public List<Volume>? Volumes { get; set; }

    /// <summary>memberOf constraints in the ECS cluster query language; become node affinity.</summary>
    public List<TaskDefinitionPlacementConstraint>? PlacementConstraints { get; set; }

    /// <summary>Launch types the task definition is validated against (EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES).</summary>
    [EnumValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
    public List<string>? RequiresCompatibilities { get; set; }

    /// <summary>Task CPU: units ("1024") or vCPU ("1 vCPU"). A hard cap on Fargate.</summary>
    [JsonConverter(typeof(IntOrStringTextConverter))]
    public string? Cpu { get; set; }

    /// <summary>Task memory: MiB ("2048") or GB ("2 GB").</summary>
    [JsonConverter(typeof(IntOrStringTextConverter))]
    public string? Memory { get; set; }

    /// <summary>Tags; become sanitised labels.</summary>
    public List<Tag>? Tags { get; set; }

    /// <summary>host shares the node's PID namespace; task shares one namespace between the containers.</summary>
    [EnumValues("host", "task")]
    public string? PidMode { get; set; }

    /// <summary>host shares the node's IPC namespace; task and none keep the pod's own.</summary>
    [EnumValues("host", "task", "none")]
    public string? IpcMode { get; set; }

    /// <summary>App Mesh proxy configuration. Accepted and reported; not rendered.</summary>
    public ProxyConfiguration? ProxyConfiguration { get; set; }

    /// <summary>Elastic Inference accelerators (retired by AWS): rejected.</summary>
    public List<InferenceAccelerator>? InferenceAccelerators { get; set; }

    /// <summary>Task ephemeral storage; becomes ephemeral-storage requests and limits.</summary>
    public EphemeralStorage? EphemeralStorage { get; set; }

    /// <summary>CPU architecture and OS family; become kubernetes.io/arch and kubernetes.io/os.</summary>
    public RuntimePlatform? RuntimePlatform { get; set; }

    /// <summary>ECS fault injection switch. Accepted and ignored.</summary>
    public bool? EnableFaultInjection { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public string? TaskDefinitionArn { get; set; }

    /// <summary>Read-only field of describe-task-definition output; the operator numbers revisions itself.</summary>
    public int? Revision { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    [EnumValues("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS")]
    public string? Status { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public List<TaskDefinitionAttribute>? RequiresAttributes { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    [EnumValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
    public List<string>? Compatibilities { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    [JsonConverter(typeof(TimestampTextConverter))]
    public string? RegisteredAt { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    public string? RegisteredBy { get; set; }

    /// <summary>Read-only field of describe-task-definition output; ignored.</summary>
    [JsonConverter(typeof(TimestampTextConverter))]
    public string? DeregisteredAt { get; set; }

    /// <summary>Read-only field of describe-task-definition output (a DELETE_IN_PROGRESS revision); ignored.</summary>
    [JsonConverter(typeof(TimestampTextConverter))]
    public string? DeleteRequestedAt { get; set; }

    /// <summary>
    /// EcsOnK8s extension: revisions of this family marked INACTIVE (deregistered). Services already running them
    /// keep running; new resolutions of the family skip them. Not part of the revision content.
    /// </summary>
    public List<int>? InactiveRevisions { get; set; }
}
