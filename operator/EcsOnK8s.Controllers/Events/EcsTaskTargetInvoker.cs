using System.Net;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Events.Input;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.LeaderElection;
using EcsOnK8s.Translation.Naming;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The ecsTask target: one EcsTask per event and target (EventBridge's RunTask), in the rule's namespace, named by
/// <see cref="EventTaskNames"/> so a redelivered event never starts a second task. Its overrides are the target's
/// with the rendered input merged over them (<see cref="TaskOverrideInput"/>). A name already taken by the same
/// event counts as delivered; API errors that may pass (5xx, 429, timeouts, lost leadership) are retried; what
/// the API refuses (4xx) and an input that gives no TaskOverride are permanent, with the reason.
/// </summary>
public sealed partial class EcsTaskTargetInvoker(
    IEcsTaskWriter writer, EcsEventSettings settings, TimeProvider time, ILogger<EcsTaskTargetInvoker> logger) : IEventTargetInvoker
{
    /// <summary>The startedBy ECS gives the tasks an EventBridge rule starts, before the rule's name.</summary>
    public const string StartedByPrefix = "events-rule/";

    // ECS's limit on startedBy.
    private const int MaxStartedByLength = 128;

    public bool Handles(EventRuleTarget target) => target?.EcsTask is not null;

    public async Task<TargetOutcome> InvokeAsync(TargetInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var task = Build(invocation, settings, time.GetUtcNow(), out var error);
        if (task is null)
        {
            return TargetOutcome.Fail(error!);
        }

        var ns = task.Metadata.NamespaceProperty;
        var name = task.Metadata.Name;
        try
        {
            var existing = await writer.CreateAsync(task, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                LogStarted(logger, ns, name, invocation.Rule.Metadata.Name, invocation.Target.Id, invocation.Event.Id);
                return TargetOutcome.Delivered;
            }

            var existingEvent = existing.Metadata.Annotation(WellKnownAnnotations.EventId);
            if (existingEvent == invocation.Event.Id)
            {
                LogAlreadyStarted(logger, ns, name, invocation.Event.Id);
                return TargetOutcome.Delivered;
            }

            return TargetOutcome.Fail($"EcsTask {ns}/{name} exists and was not started by event {invocation.Event.Id}; delete or rename it");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (KubernetesApiException e) when (IsPermanent(e.StatusCode))
        {
            return TargetOutcome.Fail($"creating EcsTask {ns}/{name} was refused: {(int)e.StatusCode} {e.ServerMessage}");
        }
        catch (Exception e) when (e is KubernetesApiException or TimeoutException or HttpRequestException or LeadershipLostException or OperationCanceledException)
        {
            return TargetOutcome.Retry($"creating EcsTask {ns}/{name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// The EcsTask for one invocation, or null with the reason when the target's input does not give its overrides.
    /// Pure: the same invocation and time give the same object.
    /// </summary>
    public static EcsTask? Build(TargetInvocation invocation, EcsEventSettings settings, DateTimeOffset now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(settings);
        var (rule, target) = (invocation.Rule, invocation.Target);
        var ecsTask = target.EcsTask ?? throw new ArgumentException("the target is not an ecsTask target", nameof(invocation));
        var ruleName = rule.Metadata?.Name ?? throw new ArgumentException("the rule has no name", nameof(invocation));
        var ns = rule.Metadata.NamespaceProperty ?? throw new ArgumentException("the rule has no namespace", nameof(invocation));
        var targetId = target.Id ?? string.Empty;
        var path = $"target {targetId}: ecsTask";

        var errors = new List<InputError>();
        var input = TargetInput.Compile(ecsTask.Input, ecsTask.InputPath, ecsTask.InputTransformer, path, errors);
        if (input is null)
        {
            error = string.Join("; ", errors);
            return null;
        }

        var context = InputContext.For(settings, ns, ruleName, now);
        var overrides = TaskOverrideInput.Build(ecsTask, input, invocation.EventJson, context, path, out var inputError);
        if (overrides is null)
        {
            error = inputError?.ToString() ?? $"{path}: gives no TaskOverride";
            return null;
        }

        var startedBy = StartedByPrefix + ruleName;
        error = null;
        return new EcsTask
        {
            ApiVersion = $"{EcsApi.Group}/{EcsApi.Version}",
            Metadata = new V1ObjectMeta
            {
                Name = EventTaskNames.For(ruleName, targetId, invocation.Event.Id),
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [WellKnownLabels.EventRule] = KubeNames.LabelValue(ruleName),
                },
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [WellKnownAnnotations.EventRule] = ruleName,
                    [WellKnownAnnotations.EventTarget] = targetId,
                    [WellKnownAnnotations.EventId] = invocation.Event.Id,
                },
            },
            Spec = new EcsTaskSpec
            {
                TaskDefinition = ecsTask.TaskDefinition,
                Cluster = ecsTask.Cluster,
                Count = ecsTask.Count,
                LaunchType = ecsTask.LaunchType,
                CapacityProviderStrategy = ecsTask.CapacityProviderStrategy,
                Overrides = IsEmpty(overrides) ? null : overrides,
                StartedBy = startedBy.Length > MaxStartedByLength ? startedBy[..MaxStartedByLength] : startedBy,
            },
        };
    }

    // 408 (the server's own timeout) and 429 may pass; 409 is not here because a create's conflict is a taken name.
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static bool IsEmpty(TaskOverride overrides) =>
        overrides.ContainerOverrides is not { Count: > 0 } && overrides.Cpu is null && overrides.Memory is null
        && overrides.ExecutionRoleArn is null && overrides.TaskRoleArn is null && overrides.EphemeralStorage is null
        && overrides.InferenceAcceleratorOverrides is null;

    [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Started EcsTask {Namespace}/{Name} for rule {Rule} target {Target} event {EventId}")]
    private static partial void LogStarted(ILogger logger, string @namespace, string name, string? rule, string? target, string eventId);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Debug, Message = "EcsTask {Namespace}/{Name} already exists for event {EventId}: delivered before")]
    private static partial void LogAlreadyStarted(ILogger logger, string @namespace, string name, string eventId);
}
