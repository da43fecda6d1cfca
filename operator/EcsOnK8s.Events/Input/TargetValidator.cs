using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Events.Input;

/// <summary>
/// Checks an EcsEventRule's targets beyond what the CRD schema enforces (1 to 5, ids present and unique, ranges):
/// exactly one of ecsTask and http, launchType or capacityProviderStrategy, an absolute http(s) URL, a complete
/// signing Secret reference, and inputs that compile. Every error names its JSON path.
/// </summary>
public static class TargetValidator
{
    /// <summary>The errors of all targets of a spec (none when valid); paths start at <c>spec.targets</c>.</summary>
    public static IReadOnlyList<InputError> Validate(EcsEventRuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<InputError>();
        var targets = spec.Targets ?? [];
        if (targets.Count == 0)
        {
            errors.Add(new InputError("spec.targets", "a rule needs at least one target"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            var path = $"spec.targets[{i}]";
            if (targets[i].Id is { Length: > 0 } id && !seen.Add(id))
            {
                errors.Add(new InputError(path + ".id", $"'{id}' is the id of an earlier target; ids are unique"));
            }

            Validate(targets[i], path, errors);
        }

        return errors;
    }

    /// <summary>Adds the errors of one target at <paramref name="path"/> (spec.targets[0]).</summary>
    public static void Validate(EventRuleTarget target, string path, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(target.Id))
        {
            errors.Add(new InputError(path + ".id", "is required"));
        }

        switch (target.EcsTask, target.Http)
        {
            case (null, null):
                errors.Add(new InputError(path, "sets neither ecsTask nor http; exactly one is required"));
                break;
            case (not null, not null):
                errors.Add(new InputError(path, "sets both ecsTask and http; exactly one is allowed"));
                break;
            case ({ } ecsTask, null):
                ValidateEcsTask(ecsTask, path + ".ecsTask", errors);
                break;
            case (null, { } http):
                ValidateHttp(http, path + ".http", errors);
                break;
        }
    }

    private static void ValidateEcsTask(EcsTaskTarget target, string path, ICollection<InputError> errors)
    {
        if (string.IsNullOrEmpty(target.TaskDefinition))
        {
            errors.Add(new InputError(path + ".taskDefinition", "is required"));
        }

        if (target.LaunchType is not null && target.CapacityProviderStrategy is { Count: > 0 })
        {
            errors.Add(new InputError(path, "sets both launchType and capacityProviderStrategy; at most one is allowed"));
        }

        TargetInput.Compile(target.Input, target.InputPath, target.InputTransformer, path, errors);
    }

    private static void ValidateHttp(HttpTarget target, string path, ICollection<InputError> errors)
    {
        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new InputError(path + ".url", $"'{target.Url}' is not an absolute http or https URL"));
        }

        foreach (var name in (target.Headers ?? []).Keys.Where(n => n.Length == 0 || n.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))))
        {
            errors.Add(new InputError($"{path}.headers", $"'{name}' is not a valid HTTP header name"));
        }

        if (target.SigningSecretRef is { } secret && (string.IsNullOrEmpty(secret.Name) || string.IsNullOrEmpty(secret.Key)))
        {
            errors.Add(new InputError(path + ".signingSecretRef", "needs both name and key"));
        }

        TargetInput.Compile(target.Input, target.InputPath, target.InputTransformer, path, errors);
    }
}
