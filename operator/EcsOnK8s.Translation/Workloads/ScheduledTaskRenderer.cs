using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// An EcsScheduledTask (EventBridge Scheduler schedule with an ECS target) as a CronJob: the schedule through
/// <see cref="AwsScheduleExpression"/>, parallelism = completions = taskCount, concurrencyPolicy Allow (EventBridge
/// starts a run whatever the previous one does), suspend when DISABLED. Schedules that cron cannot express
/// (<c>at()</c>, <c>L</c>, <c>W</c>, <c>#</c>) give no CronJob: the operator times their Jobs.
/// </summary>
public static class ScheduledTaskRenderer
{
    /// <summary>Annotation for the operator: the AWS year field of a cron schedule that restricts years.</summary>
    public const string YearsAnnotation = EcsApi.Group + "/schedule-years";

    /// <summary>Annotation for the operator: the schedule's startDate (runs before it are skipped).</summary>
    public const string StartDateAnnotation = EcsApi.Group + "/start-date";

    /// <summary>Annotation for the operator: the schedule's endDate (runs after it are skipped).</summary>
    public const string EndDateAnnotation = EcsApi.Group + "/end-date";

    /// <summary>Annotation with the original AWS schedule expression.</summary>
    public const string ScheduleAnnotation = EcsApi.Group + "/schedule-expression";

    /// <summary>CronJob names leave 11 characters for the Job suffix the CronJob controller adds.</summary>
    public const int MaxCronJobNameLength = 52;

    private const string P = "scheduledTask.";
    private const string E = "target.ecsParameters.";

    private static readonly HashSet<string> UtcZones = new(StringComparer.Ordinal)
    {
        "UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu", "Universal", "Etc/Universal", "Etc/UCT", "UCT",
    };

    public static List<IKubernetesObject<V1ObjectMeta>> Render(RenderRequest request, TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        var scheduled = request.ScheduledTask!;
        var spec = scheduled.Spec ?? new EcsScheduledTaskSpec();
        var ecs = spec.Target?.EcsParameters ?? new EcsParameters();
        var name = KubeNames.Sanitize(scheduled.Metadata?.Name, maxLength: MaxCronJobNameLength, fallback: "schedule");
        var taskCount = Math.Clamp(ecs.TaskCount ?? 1, 1, 10);
        var tags = ecs.Tags?.SelectMany(d => d).Select(kv => new Tag { Key = kv.Key, Value = kv.Value }).ToList();
        ReportFields(spec, ecs, report);

        var (overrides, overridesPath) = Overrides(spec.Target, report);
        var frame = WorkloadFrame.Create(
            request, scheduled.Metadata, name, name, spec.Cluster, WellKnownLabels.ScheduledTask, tags, propagateTagsToPods: true,
            runToCompletion: true, overrides, overridesPath, P + E, report);
        var (ns, labels, pod, template) = (frame.Namespace, frame.Labels, frame.Pod, frame.Template);
        frame.ApplyPlacement(ecs.PlacementConstraints, ecs.PlacementStrategy);

        var shares = frame.ResolveProviders(ecs.LaunchType, ecs.CapacityProviderStrategy, taskCount);
        if (shares.Count > 0)
        {
            var share = shares.OrderByDescending(s => s.Count).First();
            if (shares.Count(s => s.Count > 0) > 1)
            {
                report.Approximated(P + E + "capacityProviderStrategy", $"a CronJob has one pod template: every task of a run goes to '{share.Name}', the provider with the largest share");
            }

            frame.ApplyShare(template, share, ecs.LaunchType);
        }

        var objects = new List<IKubernetesObject<V1ObjectMeta>>(pod.Companions);
        var schedule = AwsScheduleExpression.Translate(spec.ScheduleExpression);
        report.Add(P + "scheduleExpression", schedule.Disposition, schedule.Reason);
        string? timeZone = null;
        var zone = spec.ScheduleExpressionTimezone;
        if (zone is not null)
        {
            if (schedule.OperatorTimed)
            {
                report.Mapped(P + "scheduleExpressionTimezone", "the operator times the Jobs in this zone");
            }
            else if (request.Capabilities.CronJobTimeZone)
            {
                timeZone = zone;
                report.Mapped(P + "scheduleExpressionTimezone", "CronJob spec.timeZone");
            }
            else if (UtcZones.Contains(zone))
            {
                report.Mapped(P + "scheduleExpressionTimezone", "UTC: the CronJob controller's time zone on a cluster run in UTC");
            }
            else
            {
                report.Approximated(P + "scheduleExpressionTimezone", $"this Kubernetes has no CronJob timeZone (1.27+): the schedule runs in the kube-controller-manager's time zone (usually UTC), not {zone}");
            }
        }

        if (schedule.CronSchedule is null)
        {
            return objects;
        }

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownAnnotations.TaskDefinition] = request.TaskDefinition.Identifier,
            [ScheduleAnnotation] = spec.ScheduleExpression!.Trim(),
        };
        if (schedule.Years is not null)
        {
            annotations[YearsAnnotation] = schedule.Years;
        }

        if (spec.StartDate is not null)
        {
            annotations[StartDateAnnotation] = spec.StartDate;
        }

        if (spec.EndDate is not null)
        {
            annotations[EndDateAnnotation] = spec.EndDate;
        }

        if (ecs.Group is not null)
        {
            annotations[TaskRenderer.GroupAnnotation] = ecs.Group;
        }

        var window = spec.FlexibleTimeWindow;
        int? deadline = window?.Mode == "FLEXIBLE" && window.MaximumWindowInMinutes is { } minutes ? minutes * 60 : null;
        var cronJob = new V1CronJob
        {
            ApiVersion = request.Capabilities.CronJobApiVersion,
            Kind = "CronJob",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels.Object), Annotations = annotations },
            Spec = new V1CronJobSpec
            {
                Schedule = schedule.CronSchedule,
                TimeZone = timeZone,
                Suspend = spec.State == "DISABLED" ? true : null,
                ConcurrencyPolicy = "Allow",
                StartingDeadlineSeconds = deadline,
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels.Object), Annotations = new Dictionary<string, string> { [WellKnownAnnotations.TaskDefinition] = request.TaskDefinition.Identifier } },
                    Spec = new V1JobSpec
                    {
                        Parallelism = taskCount,
                        Completions = taskCount,
                        BackoffLimit = spec.Target?.RetryPolicy?.MaximumRetryAttempts ?? 0,
                        Template = template,
                    },
                },
            },
        };
        objects.Add(cronJob);
        return objects;
    }

    private static (TaskOverride? Overrides, string Path) Overrides(ScheduleTarget? target, TranslationReport report)
    {
        if (target?.EcsParameters?.Overrides is { } overrides)
        {
            report.AddIfSet(target.Input, P, "target.input", Disposition.Ignored, "ecsParameters.overrides is given and wins");

            return (overrides, P + E + "overrides");
        }

        if (target?.Input is { } input)
        {
            try
            {
                var parsed = KubernetesJson.Deserialize<TaskOverride>(input);
                report.Mapped(P + "target.input", "RunTask overrides applied to the pod template");
                return (parsed, P + "target.input");
            }
            catch (JsonException e)
            {
                report.Rejected(P + "target.input", $"not a JSON task override: {e.Message}");
            }
        }

        return (null, P + E + "overrides");
    }

    private static void ReportFields(EcsScheduledTaskSpec spec, EcsParameters ecs, TranslationReport report)
    {
        report.AddIfSet(spec.StartDate, P, "startDate", Disposition.Approximated, $"annotation {StartDateAnnotation}: the operator skips runs before it");
        report.AddIfSet(spec.EndDate, P, "endDate", Disposition.Approximated, $"annotation {EndDateAnnotation}: the operator skips runs after it");
        report.AddIfSet(spec.State, P, "state", Disposition.Mapped, spec.State == "DISABLED" ? "CronJob suspend: true" : "CronJob not suspended");
        report.AddIfSet(spec.Description, P, "description", Disposition.Ignored, "descriptive only");
        report.AddIfSet(spec.GroupName, P, "groupName", Disposition.Ignored, "schedule groups are an EventBridge Scheduler construct");
        if (spec.FlexibleTimeWindow is { } window)
        {
            report.Add(P + "flexibleTimeWindow", window.Mode == "FLEXIBLE" ? Disposition.Approximated : Disposition.Mapped,
                window.Mode == "FLEXIBLE"
                    ? "runs start at the scheduled time (no spreading); startingDeadlineSeconds allows a late start within the window"
                    : "runs start at the scheduled time");
        }

        report.AddIfSet(spec.ActionAfterCompletion, P, "actionAfterCompletion", spec.ActionAfterCompletion == "DELETE" ? Disposition.Approximated : Disposition.Mapped,
            spec.ActionAfterCompletion == "DELETE" ? "the operator deletes a completed one-time schedule" : "the schedule stays after its last run");

        var target = spec.Target;
        if (target is null)
        {
            return;
        }

        report.AddIfSet(target.Arn, P, "target.arn", Disposition.Ignored, "the ECS cluster ARN: spec.cluster names the EcsCluster");
        report.AddIfSet(target.RoleArn, P, "target.roleArn", Disposition.Ignored, "the scheduler's IAM role: AWS-only");
        report.AddIfSet(target.DeadLetterConfig, P, "target.deadLetterConfig", Disposition.Ignored, "failed invocations are Kubernetes events, not SQS messages");
        report.AddIfSet(target.RetryPolicy?.MaximumRetryAttempts, P, "target.retryPolicy.maximumRetryAttempts", Disposition.Approximated,
            "Job backoffLimit: EventBridge retries a failed RunTask call, Kubernetes retries failed pods");
        report.AddIfSet(target.RetryPolicy?.MaximumEventAgeInSeconds, P, "target.retryPolicy.maximumEventAgeInSeconds", Disposition.Ignored, "no event queue in Kubernetes");
        CommonWorkloadFields.Report(report, P, spec.Cluster, P + E, ecs.TaskDefinition, ecs.PlatformVersion, ecs.NetworkConfiguration, ecs.EnableExecuteCommand);
        report.AddIfSet(ecs.TaskDefinitionArn, P, E + "taskDefinitionArn", Disposition.Mapped, CommonWorkloadFields.TaskDefinition);
        report.AddIfSet(ecs.TaskCount, P, E + "taskCount", Disposition.Mapped, "Job parallelism and completions");
        report.AddIfSet(ecs.Group, P, E + "group", Disposition.Mapped, $"annotation {TaskRenderer.GroupAnnotation}");
        report.AddIfSet(ecs.PropagateTags, P, E + "propagateTags", Disposition.Mapped, "the tags are pod labels");
        report.AddIfSet(ecs.EnableECSManagedTags, P, E + "enableECSManagedTags", Disposition.Ignored, "ECS-managed tags (aws:ecs:*) have no counterpart");
        report.AddIfSet(ecs.ReferenceId, P, E + "referenceId", Disposition.Ignored, "an AWS reference; not kept");
        report.AddIfSet(ecs.Tags, P, E + "tags", Disposition.Mapped, $"labels {WellKnownLabels.TagPrefix}<key> on the CronJob, its Jobs and pods");
        report.AddIfSet(ecs.Overrides, P, E + "overrides", Disposition.Mapped, "applied to the pod template");
    }
}
