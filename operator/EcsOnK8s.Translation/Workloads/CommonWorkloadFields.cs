using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// The fields services, tasks and schedules share, reported alike: one row each, so a shared field is described in
/// one place. The cluster sits on the workload's spec; the others beside the task definition reference.
/// </summary>
internal static class CommonWorkloadFields
{
    public const string Cluster = "selects the EcsCluster (capacity providers, policy, defaults)";
    public const string TaskDefinition = "the revision the pod template is rendered from";
    public const string PlatformVersion = "a Fargate platform version: AWS-only";
    public const string NetworkConfiguration = "subnets, security groups and public IPs are AWS VPC settings; pods use the cluster network (no NetworkPolicy is generated)";
    public const string EnableExecuteCommand = "kubectl exec is governed by RBAC on pods/exec, not per workload";

    public static void Report(
        TranslationReport report,
        string specPrefix,
        string? cluster,
        string taskPrefix,
        string? taskDefinition,
        string? platformVersion,
        NetworkConfiguration? networkConfiguration,
        bool? enableExecuteCommand)
    {
        report.AddIfSet(cluster, specPrefix, "cluster", Disposition.Mapped, Cluster);
        report.AddIfSet(taskDefinition, taskPrefix, "taskDefinition", Disposition.Mapped, TaskDefinition);
        report.AddIfSet(platformVersion, taskPrefix, "platformVersion", Disposition.Ignored, PlatformVersion);
        report.AddIfSet(networkConfiguration, taskPrefix, "networkConfiguration", Disposition.Ignored, NetworkConfiguration);
        report.AddIfSet(enableExecuteCommand, taskPrefix, "enableExecuteCommand", Disposition.Ignored, EnableExecuteCommand);
    }
}
