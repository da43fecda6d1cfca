using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Input;
using EcsOnK8s.Events.Patterns;

namespace EcsOnK8s.Controllers.Events;

/// <summary>Validates an EcsEventRule (pattern and targets) and compiles it for delivery. Pure.</summary>
public static class EventRuleCompiler
{
    /// <summary>The compiled rule, or every error found, each naming its field (spec.eventPattern.detail.x: reason).</summary>
    public static (CompiledRule? Rule, IReadOnlyList<string> Errors) Compile(EcsEventRule rule, EventDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        EventPattern? pattern = null;
        if (rule.Spec?.EventPattern?.Value is not { } json)
        {
            errors.Add("spec.eventPattern: is required");
        }
        else
        {
            var parsed = EventPattern.Parse(json);
            if (parsed.Error is { } error)
            {
                errors.Add($"spec.eventPattern{(error.Path.StartsWith('$') ? error.Path[1..] : "." + error.Path)}: {error.Reason}");
            }

            pattern = parsed.Pattern;
        }

        if (rule.Spec is null)
        {
            return (null, errors);
        }

        errors.AddRange(TargetValidator.Validate(rule.Spec).Select(e => e.ToString()));
        if (errors.Count > 0 || pattern is null)
        {
            return (null, errors);
        }

        var targets = (rule.Spec.Targets ?? [])
            .Select(t => new CompiledTarget(
                t,
                t.RetryPolicy?.MaximumRetryAttempts ?? EventDeliveryOptions.DefaultMaximumRetryAttempts,
                TimeSpan.FromSeconds(t.RetryPolicy?.MaximumEventAgeInSeconds ?? EventDeliveryOptions.DefaultMaximumEventAgeInSeconds)))
            .ToList();
        return (new CompiledRule(rule, pattern, targets, rule.Spec.MaxInvocationsPerMinute ?? options.MaxInvocationsPerMinute), []);
    }
}
