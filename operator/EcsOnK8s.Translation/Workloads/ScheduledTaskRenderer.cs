using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Schedules;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// An EcsScheduledTask (EventBridge Scheduler schedule with an ECS target). Where a CronJob runs it exactly on the
/// target cluster (a five-field cron with year <c>*</c>, a time zone the CronJob supports or UTC, no start or end
/// date, no flexible window, and of the rates only <c>rate(1 minute)</c>), a CronJob: parallelism = completions =
/// taskCount, concurrencyPolicy Allow (EventBridge starts a run whatever the previous one does), suspend when DISABLED,
/// startingDeadlineSeconds = the catch-up window (bounded by retryPolicy.maximumEventAgeInSeconds). Otherwise, in the
/// operator (<see cref="RenderRequest.OperatorTimesSchedules"/>), no CronJob but the Job each run copies
/// (<see cref="RenderResult.RunTemplate"/>): the operator creates the runs at their fire times. Offline, such a schedule
/// gets the closest CronJob, reported as approximated, or none when cron cannot come close (<c>L</c>, <c>W</c>,
/// <c>#</c>, <c>at()</c>).
/// </summary>
public static class ScheduledTaskRenderer
{
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

    /// <summary>How a schedule runs on the request's cluster.</summary>
    private enum Mode
    {
        /// <summary>A CronJob runs it exactly.</summary>
        CronJob,

        /// <summary>The operator creates each run's Job at its fire time.</summary>
        Operator,

        /// <summary>Offline: the closest CronJob, which the operator would replace.</summary>
        ApproximateCronJob,

        /// <summary>Offline, and no CronJob comes close: nothing runs it without the operator.</summary>
        NeedsOperator,
    }

    /// <summary>
    /// True when a CronJob runs the schedule exactly on a cluster with <paramref name="capabilities"/>: otherwise the
    /// operator times it. <paramref name="gaps"/> says what the closest CronJob would do differently.
    /// </summary>
    public static bool CronJobIsExact(EcsScheduledTaskSpec spec, ScheduleTranslation schedule, ClusterCapabilities capabilities, out IReadOnlyList<string> gaps)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(capabilities);
        var found = new List<string>();
        if (schedule.Kind == ScheduleKind.Rate && schedule.CronSchedule != "* * * * *")
        {
            found.Add("counts from the start of the hour or day (AWS counts from the start date, else the creation time)");
        }

        if (schedule.Years is not null)
        {
            found.Add($"runs every year, not only in {schedule.Years}");
        }

        var zone = spec.ScheduleExpressionTimezone;
        if (zone is not null && !capabilities.CronJobTimeZone && !UtcZones.Contains(zone))
        {
            found.Add($"runs in the kube-controller-manager's time zone (usually UTC), not {zone} (CronJob timeZone needs Kubernetes 1.27)");
        }

        if (spec.StartDate is not null)
        {
            found.Add("runs before the start date too");
        }

        if (spec.EndDate is not null)
        {
            found.Add("keeps running after the end date");
        }

        if (spec.FlexibleTimeWindow?.Mode == "FLEXIBLE")
        {
            found.Add("starts each run at its fire time, not within the flexible window");
        }

        gaps = found;
        return schedule.CronSchedule is not null && !schedule.OperatorTimed && found.Count == 0;
    }

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

        var schedule = AwsScheduleExpression.Translate(spec.ScheduleExpression);
        var exact = CronJobIsExact(spec, schedule, request.Capabilities, out var gaps);
        var mode = exact ? Mode.CronJob
            : request.OperatorTimesSchedules ? Mode.Operator
            : schedule.CronSchedule is not null ? Mode.ApproximateCronJob
            : Mode.NeedsOperator;
        var deadline = StartingDeadline(spec.Target?.RetryPolicy, request.ScheduleCatchUpWindow);
        ReportSchedule(spec, schedule, mode, gaps, request.Capabilities, report);
        ReportFields(spec, ecs, mode, deadline, report);

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
                report.Approximated(P + E + "capacityProviderStrategy", $"a run's Job has one pod template: every task of a run goes to '{share.Name}', the provider with the largest share");
            }

            frame.ApplyShare(template, share, ecs.LaunchType);
        }

        var objects = new List<IKubernetesObject<V1ObjectMeta>>(pod.Companions);
        if (schedule.Disposition == Disposition.Rejected || mode == Mode.NeedsOperator)
        {
            return objects;
        }

        var jobAnnotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownAnnotations.TaskDefinition] = request.TaskDefinition.Identifier,
        };
        var jobSpec = new V1JobSpec
        {
            Parallelism = taskCount,
            Completions = taskCount,
            BackoffLimit = spec.Target?.RetryPolicy?.MaximumRetryAttempts ?? 0,
            Template = template,
        };
        if (mode == Mode.Operator)
        {
            if (ecs.Group is not null)
            {
                jobAnnotations[TaskRenderer.GroupAnnotation] = ecs.Group;
            }

            jobAnnotations[ScheduleAnnotation] = spec.ScheduleExpression!.Trim();
            objects.Add(new V1Job
            {
                ApiVersion = "batch/v1",
                Kind = "Job",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels.Object), Annotations = jobAnnotations },
                Spec = jobSpec,
            });
            return objects;
        }

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownAnnotations.TaskDefinition] = request.TaskDefinition.Identifier,
            [ScheduleAnnotation] = spec.ScheduleExpression!.Trim(),
        };
        if (ecs.Group is not null)
        {
            annotations[TaskRenderer.GroupAnnotation] = ecs.Group;
        }

        var zone = spec.ScheduleExpressionTimezone;
        var cronJob = new V1CronJob
        {
            ApiVersion = request.Capabilities.CronJobApiVersion,
            Kind = "CronJob",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels.Object), Annotations = annotations },
            Spec = new V1CronJobSpec
            {
                Schedule = schedule.CronSchedule,
                TimeZone = zone is not null && request.Capabilities.CronJobTimeZone ? zone : null,
                Suspend = spec.State == "DISABLED" ? true : null,
                ConcurrencyPolicy = "Allow",
                StartingDeadlineSeconds = deadline,
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels.Object), Annotations = new Dictionary<string, string>(jobAnnotations) },
                    Spec = jobSpec,
                },
            },
        };
        objects.Add(cronJob);
        return objects;
    }

    /// <summary>The catch-up window, bounded by the target's maximum event age: how late a CronJob may start a run.</summary>
    private static int StartingDeadline(RetryPolicy? retryPolicy, TimeSpan catchUpWindow)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(catchUpWindow.TotalSeconds));
        return retryPolicy?.MaximumEventAgeInSeconds is { } age && age < seconds ? age : seconds;
    }

    private static void ReportSchedule(
        EcsScheduledTaskSpec spec, ScheduleTranslation schedule, Mode mode, IReadOnlyList<string> gaps, ClusterCapabilities capabilities, TranslationReport report)
    {
        const string path = P + "scheduleExpression";
        if (schedule.Disposition == Disposition.Rejected)
        {
            report.Rejected(path, schedule.Reason);
            return;
        }

        var expression = spec.ScheduleExpression!.Trim();
        var parsed = AwsSchedule.Parse(expression, spec.ScheduleExpressionTimezone, spec.StartDate, spec.EndDate);
        if (parsed.Error is { Field: not ScheduleField.Expression } error)
        {
            report.Rejected(P + FieldPath(error.Field), error.Reason);
        }
        else if (parsed.Error is { } expressionError)
        {
            report.Rejected(path, expressionError.Reason);
            return;
        }

        var why = schedule.CronSchedule is null
            ? schedule.Kind == ScheduleKind.At ? "a one-time schedule" : "Kubernetes cron cannot express it"
            : $"a CronJob '{schedule.CronSchedule}' {string.Join(", ", gaps)}";
        switch (mode)
        {
            case Mode.CronJob:
                report.Mapped(path, $"{expression} -> CronJob '{schedule.CronSchedule}'");
                break;
            case Mode.Operator:
                report.Mapped(path, $"{expression}: the operator creates each run's Job at its fire time ({why})");
                break;
            case Mode.ApproximateCronJob:
                report.Approximated(path, $"{expression}: approximated by a CronJob '{schedule.CronSchedule}' that {string.Join(", ", gaps)}; the operator runs it exactly");
                break;
            default:
                report.Approximated(path, $"{expression}: no CronJob ({why}); the operator creates each run's Job at its fire time");
                break;
        }

        var zone = spec.ScheduleExpressionTimezone;
        if (zone is null)
        {
            return;
        }

        var operatorZone = $"the operator evaluates the schedule in {zone}, with EventBridge Scheduler's daylight-saving rules";
        const string zonePath = P + "scheduleExpressionTimezone";
        if (mode == Mode.Operator)
        {
            report.Mapped(zonePath, operatorZone);
        }
        else if (mode == Mode.NeedsOperator)
        {
            report.Approximated(zonePath, $"no CronJob offline; {operatorZone}");
        }
        else if (capabilities.CronJobTimeZone)
        {
            report.Mapped(zonePath, "CronJob spec.timeZone");
        }
        else if (UtcZones.Contains(zone))
        {
            report.Mapped(zonePath, "UTC: the CronJob controller's time zone on a cluster run in UTC");
        }
        else
        {
            report.Approximated(zonePath, $"this Kubernetes has no CronJob timeZone (1.27+): the CronJob runs in the kube-controller-manager's time zone (usually UTC), not {zone}; {operatorZone}");
        }
    }

    private static string FieldPath(ScheduleField field) => field switch
    {
        ScheduleField.TimeZone => "scheduleExpressionTimezone",
        ScheduleField.StartDate => "startDate",
        ScheduleField.EndDate => "endDate",
        _ => "scheduleExpression",
    };

    /// <summary>
    /// A field the operator implements when it times the runs: Mapped then; offline, an approximation that says what
    /// the rendered CronJob does instead (Mapped when it does the same), or that nothing runs without the operator.
    /// </summary>
    private static void Timed(TranslationReport report, bool set, string field, Mode mode, string byOperator, string byCronJob, bool sameInCronJob = false)
    {
        if (!set)
        {
            return;
        }

        var (disposition, reason) = mode switch
        {
            Mode.Operator => (Disposition.Mapped, byOperator),
            Mode.ApproximateCronJob when sameInCronJob => (Disposition.Mapped, byCronJob),
            Mode.ApproximateCronJob => (Disposition.Approximated, $"{byCronJob}; {byOperator}"),
            Mode.NeedsOperator => (Disposition.Approximated, $"no CronJob offline; {byOperator}"),
            _ => (Disposition.Mapped, byCronJob),
        };
        report.Add(P + field, disposition, reason);
    }

    private static void ReportFields(EcsScheduledTaskSpec spec, EcsParameters ecs, Mode mode, int deadline, TranslationReport report)
    {
        Timed(report, spec.StartDate is not null, "startDate", mode, "the operator starts no run before it", "the CronJob runs before it too");
        Timed(report, spec.EndDate is not null, "endDate", mode, "the operator starts no run after it and then reports the schedule Ended", "the CronJob keeps running after it");
        var disabled = spec.State == "DISABLED";
        Timed(report, spec.State is not null, "state", mode,
            disabled ? "the operator starts no run while the schedule is DISABLED" : "the operator starts the runs",
            disabled ? "CronJob suspend: true" : "CronJob not suspended", sameInCronJob: true);
        report.AddIfSet(spec.Description, P, "description", Disposition.Ignored, "descriptive only");
        report.AddIfSet(spec.GroupName, P, "groupName", Disposition.Ignored, "schedule groups are an EventBridge Scheduler construct");
        if (spec.FlexibleTimeWindow is { Mode: "FLEXIBLE" } window)
        {
            var minutes = window.MaximumWindowInMinutes ?? 1;
            Timed(report, true, "flexibleTimeWindow", mode,
                $"the operator starts each run at an offset within {minutes.ToString(CultureInfo.InvariantCulture)} minute(s) after its fire time, fixed per schedule and fire time (and before the next fire time)",
                "the CronJob starts each run at its fire time");
        }
        else
        {
            report.AddIfSet(spec.FlexibleTimeWindow, P, "flexibleTimeWindow", Disposition.Mapped, "runs start at the fire time");
        }

        if (spec.ActionAfterCompletion == "DELETE")
        {
            Timed(report, true, "actionAfterCompletion", mode,
                "the operator deletes the EcsScheduledTask once no fire time is left and its last run has finished",
                "a schedule a CronJob runs recurs without end: it never completes, so it is never deleted");
        }
        else
        {
            report.AddIfSet(spec.ActionAfterCompletion, P, "actionAfterCompletion", Disposition.Mapped, "the schedule stays after its last run");
        }

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
        Timed(report, target.RetryPolicy?.MaximumEventAgeInSeconds is not null, "target.retryPolicy.maximumEventAgeInSeconds", mode,
            "a run the operator cannot start within this age of its fire time is dropped and counted in status.droppedRuns",
            $"CronJob startingDeadlineSeconds {deadline.ToString(CultureInfo.InvariantCulture)} (the shorter of this and the catch-up window): a run that cannot start by then is skipped", sameInCronJob: true);
        CommonWorkloadFields.Report(report, P, spec.Cluster, P + E, ecs.TaskDefinition, ecs.PlatformVersion, ecs.NetworkConfiguration, ecs.EnableExecuteCommand);
        report.AddIfSet(ecs.TaskDefinitionArn, P, E + "taskDefinitionArn", Disposition.Mapped, CommonWorkloadFields.TaskDefinition);
        report.AddIfSet(ecs.TaskCount, P, E + "taskCount", Disposition.Mapped, "Job parallelism and completions");
        report.AddIfSet(ecs.Group, P, E + "group", Disposition.Mapped, $"annotation {TaskRenderer.GroupAnnotation}");
        report.AddIfSet(ecs.PropagateTags, P, E + "propagateTags", Disposition.Mapped, "the tags are pod labels");
        report.AddIfSet(ecs.EnableECSManagedTags, P, E + "enableECSManagedTags", Disposition.Ignored, "ECS-managed tags (aws:ecs:*) have no counterpart");
        report.AddIfSet(ecs.ReferenceId, P, E + "referenceId", Disposition.Ignored, "an AWS reference; not kept");
        report.AddIfSet(ecs.Tags, P, E + "tags", Disposition.Mapped, $"labels {WellKnownLabels.TagPrefix}<key> on the CronJob or run Jobs and their pods");
        report.AddIfSet(ecs.Overrides, P, E + "overrides", Disposition.Mapped, "applied to the pod template");
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
}
