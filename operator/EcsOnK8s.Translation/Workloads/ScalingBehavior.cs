using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// The HPA behavior the scaling policies add up to: stabilization windows from cooldowns, rate-limit policies from
/// step adjustments, and directions disabled by disableScaleIn or a suspended state.
/// </summary>
internal sealed class ScalingBehavior
{
    private readonly List<V2HPAScalingPolicy> _scaleUpPolicies = [];
    private readonly List<V2HPAScalingPolicy> _scaleDownPolicies = [];
    private int? _scaleUpWindow;
    private int? _scaleDownWindow;
    private bool _scaleUpDisabled;
    private bool _scaleDownDisabled;

    /// <summary>The largest window over the policies wins.</summary>
    public void ExtendScaleUpWindow(int seconds) => _scaleUpWindow = Math.Max(_scaleUpWindow ?? 0, seconds);

    /// <summary>The largest window over the policies wins.</summary>
    public void ExtendScaleDownWindow(int seconds) => _scaleDownWindow = Math.Max(_scaleDownWindow ?? 0, seconds);

    public void DisableScaleUp() => _scaleUpDisabled = true;

    public void DisableScaleDown() => _scaleDownDisabled = true;

    public void AddPolicy(V2HPAScalingPolicy policy, bool scaleUp) => (scaleUp ? _scaleUpPolicies : _scaleDownPolicies).Add(policy);

    /// <summary>The behavior, or null when no policy asked for one (the HPA's defaults apply).</summary>
    public V2HorizontalPodAutoscalerBehavior? Build()
    {
        var behavior = new V2HorizontalPodAutoscalerBehavior();
        var any = false;
        if (_scaleUpWindow is not null || _scaleUpPolicies.Count > 0 || _scaleUpDisabled)
        {
            behavior.ScaleUp = Rules(_scaleUpWindow, _scaleUpPolicies, _scaleUpDisabled);
            any = true;
        }

        if (_scaleDownWindow is not null || _scaleDownPolicies.Count > 0 || _scaleDownDisabled)
        {
            behavior.ScaleDown = Rules(_scaleDownWindow, _scaleDownPolicies, _scaleDownDisabled);
            any = true;
        }

        return any ? behavior : null;
    }

    private static V2HPAScalingRules Rules(int? window, List<V2HPAScalingPolicy> policies, bool disabled) => new()
    {
        StabilizationWindowSeconds = window,
        Policies = policies.Count > 0 ? policies : null,
        SelectPolicy = disabled ? "Disabled" : policies.Count > 0 ? "Max" : null,
    };
}
