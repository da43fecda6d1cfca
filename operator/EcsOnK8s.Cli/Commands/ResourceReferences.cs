using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// Points the workload that <c>convert --to crds</c> writes at the resources written beside it: the operator numbers
/// revisions itself (the EcsTaskDefinition registers as its family's next revision, not as the revision AWS gave it),
/// so a pinned <c>family:revision</c> would wait for a revision that never comes; and a cluster other than the one
/// written (or "default", which need not exist) would leave the workload waiting for it.
/// </summary>
public static class ResourceReferences
{
    private const string Ecs = "scheduledTask.target.ecsParameters.";

    public static void PointAtOutputs(IKubernetesObject<V1ObjectMeta> workload, ResolvedTaskDefinition taskDefinition, string? clusterName, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(taskDefinition);
        ArgumentNullException.ThrowIfNull(report);
        // A register-task-definition input has no revision: "family:1", the name convert gives it, says nothing to rewrite.
        var unnumbered = taskDefinition.Spec.Revision is null ? taskDefinition.Identifier : null;
        var family = taskDefinition.Family;
        switch (workload)
        {
            case EcsService service:
                service.Spec.TaskDefinition = Family(service.Spec.TaskDefinition, family, unnumbered, "service.taskDefinition", "service", report);
                service.Spec.Cluster = Cluster(service.Spec.Cluster, clusterName, "service.cluster", "service", report);
                break;
            case EcsTask task:
                task.Spec.TaskDefinition = Family(task.Spec.TaskDefinition, family, unnumbered, "task.taskDefinition", "task", report);
                task.Spec.Cluster = Cluster(task.Spec.Cluster, clusterName, "task.cluster", "task", report);
                break;
            case EcsScheduledTask scheduled when scheduled.Spec.Target?.EcsParameters is { } ecs:
                if (ecs.TaskDefinitionArn is not null)
                {
                    ecs.TaskDefinitionArn = Family(ecs.TaskDefinitionArn, family, unnumbered, Ecs + "taskDefinitionArn", "schedule", report);
                }
                else
                {
                    ecs.TaskDefinition = Family(ecs.TaskDefinition, family, unnumbered, Ecs + "taskDefinition", "schedule", report);
                }

                scheduled.Spec.Cluster = Cluster(scheduled.Spec.Cluster, clusterName, "scheduledTask.cluster", "schedule", report);
                break;
        }
    }

    private static string Family(string? given, string family, string? unnumbered, string path, string workload, TranslationReport report)
    {
        if (given is not null && given != family && given != unnumbered)
        {
            report.Approximated(path, $"'{given}' written as '{family}': the EcsTaskDefinition written beside it registers as the next " +
                $"revision of {family} (the operator numbers revisions itself), and the {workload} runs the family's latest revision");
        }

        return family;
    }

    private static string? Cluster(string? given, string? written, string path, string workload, TranslationReport report)
    {
        if (written is null)
        {
            if (given is not null && given != "default")
            {
                report.Approximated(path, $"EcsCluster '{given}' is not among the resources written: the {workload} waits (ClusterNotFound) " +
                    $"until one exists in its namespace; give --cluster FILE to write it");
            }

            return given;
        }

        if (given is not null && given != written)
        {
            report.Approximated(path, $"'{given}' written as '{written}': the EcsCluster written beside it (--cluster)");
        }

        return given is null && written == "default" ? null : written;
    }
}
