using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Events.Input;

/// <summary>
/// The overrides of the task an ECS task target starts for one event: the target's own <c>overrides</c>, with what
/// its input gives for the event merged over them. The input must be a RunTask TaskOverride in ECS's names
/// (containerOverrides, cpu, memory, ...); a target with no input field takes nothing from the event (the
/// whole event is not a TaskOverride).
/// </summary>
public static class TaskOverrideInput
{
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The overrides for one event, or null with the error (at <paramref name="path"/>, the ecsTask field) when the
    /// input does not give a TaskOverride; the event then cannot start a task (a dead letter, not a retry).
    /// </summary>
    public static TaskOverride? Build(
        EcsTaskTarget target, TargetInput input, JsonNode? eventJson, InputContext context, string path, out InputError? error)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        error = null;
        if (input.Kind == TargetInputKind.MatchedEvent)
        {
            return Copy(target.Overrides) ?? new TaskOverride();
        }

        var fromEvent = FromPayload(input.Render(eventJson, context), path + "." + FieldOf(input.Kind), out error);
        return error is null ? Merge(target.Overrides, fromEvent) : null;
    }

    /// <summary>A payload read as a TaskOverride: JSON null is none; anything but an object is an error.</summary>
    public static TaskOverride? FromPayload(TargetPayload payload, string path, out InputError? error)
    {
        ArgumentNullException.ThrowIfNull(payload);
        error = null;
        if (!payload.IsJson)
        {
            error = new InputError(path, "gives text, not a JSON TaskOverride object");
            return null;
        }

        if (payload.Json is null)
        {
            return null;
        }

        if (payload.Json is not JsonObject)
        {
            error = new InputError(path, $"gives a JSON {payload.Json.GetValueKind().ToString().ToLowerInvariant()}, not a TaskOverride object");
            return null;
        }

        TaskOverride? overrides;
        try
        {
            overrides = payload.Json.Deserialize<TaskOverride>(_options);
        }
        catch (JsonException e)
        {
            error = new InputError(path, $"does not give a TaskOverride: at {e.Path ?? "$"}: {FirstSentence(e.Message)}");
            return null;
        }

        var unnamed = overrides?.ContainerOverrides?.FindIndex(c => string.IsNullOrEmpty(c.Name)) ?? -1;
        if (unnamed >= 0)
        {
            error = new InputError(path, $"gives containerOverrides[{unnamed}] without a name");
            return null;
        }

        return overrides;
    }

    /// <summary>
    /// <paramref name="overlay"/> over <paramref name="baseline"/>: fields the overlay sets win; container overrides
    /// pair up by name (environment variables by name, the overlay's last); neither argument is changed.
    /// </summary>
    public static TaskOverride Merge(TaskOverride? baseline, TaskOverride? overlay)
    {
        var result = Copy(baseline) ?? new TaskOverride();
        if (Copy(overlay) is not { } top)
        {
            return result;
        }

        result.Cpu = top.Cpu ?? result.Cpu;
        result.Memory = top.Memory ?? result.Memory;
        result.ExecutionRoleArn = top.ExecutionRoleArn ?? result.ExecutionRoleArn;
        result.TaskRoleArn = top.TaskRoleArn ?? result.TaskRoleArn;
        result.EphemeralStorage = top.EphemeralStorage ?? result.EphemeralStorage;
        result.InferenceAcceleratorOverrides = top.InferenceAcceleratorOverrides ?? result.InferenceAcceleratorOverrides;
        foreach (var container in top.ContainerOverrides ?? [])
        {
            result.ContainerOverrides ??= [];
            var existing = result.ContainerOverrides.Find(c => string.Equals(c.Name, container.Name, StringComparison.Ordinal));
            if (existing is null)
            {
                result.ContainerOverrides.Add(container);
                continue;
            }

            existing.Command = container.Command ?? existing.Command;
            existing.EnvironmentFiles = container.EnvironmentFiles ?? existing.EnvironmentFiles;
            existing.Cpu = container.Cpu ?? existing.Cpu;
            existing.Memory = container.Memory ?? existing.Memory;
            existing.MemoryReservation = container.MemoryReservation ?? existing.MemoryReservation;
            existing.ResourceRequirements = container.ResourceRequirements ?? existing.ResourceRequirements;
            existing.Environment = MergeEnvironment(existing.Environment, container.Environment);
        }

        return result;
    }

    private static List<NameValuePair>? MergeEnvironment(List<NameValuePair>? baseline, List<NameValuePair>? overlay)
    {
        if (overlay is null)
        {
            return baseline;
        }

        var merged = new List<NameValuePair>(baseline ?? []);
        foreach (var variable in overlay)
        {
            merged.RemoveAll(v => string.Equals(v.Name, variable.Name, StringComparison.Ordinal));
            merged.Add(variable);
        }

        return merged;
    }

    private static TaskOverride? Copy(TaskOverride? value) =>
        value is null ? null : JsonSerializer.Deserialize<TaskOverride>(JsonSerializer.Serialize(value, _options), _options);

    private static string FieldOf(TargetInputKind kind) => kind switch
    {
        TargetInputKind.Constant => "input",
        TargetInputKind.Path => "inputPath",
        _ => "inputTransformer",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
