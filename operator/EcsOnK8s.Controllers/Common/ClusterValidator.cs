using System.Text.RegularExpressions;
using EcsOnK8s.Api.V1Alpha1;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Validates an EcsCluster's capacity providers, strategy, storage, secrets and policy.</summary>
public static partial class ClusterValidator
{
    /// <summary>Capacity provider names ECS defines; a strategy may name them without declaring them.</summary>
    public static readonly IReadOnlySet<string> BuiltInProviders = new HashSet<string>(StringComparer.Ordinal) { "FARGATE", "FARGATE_SPOT", "EC2" };

    /// <summary>Every problem found, each naming its field; empty when the cluster is valid.</summary>
    public static IReadOnlyList<string> Validate(EcsClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        var providers = spec.CapacityProviders ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < providers.Count; i++)
        {
            var provider = providers[i];
            if (string.IsNullOrWhiteSpace(provider.Name))
            {
                errors.Add($"spec.capacityProviders[{i}].name: is required");
                continue;
            }

            if (!names.Add(provider.Name))
            {
                errors.Add($"spec.capacityProviders[{i}].name: '{provider.Name}' is declared twice");
            }

            foreach (var (labelKey, value) in provider.NodeSelector ?? [])
            {
                if (!LabelKey().IsMatch(labelKey))
                {
                    errors.Add($"spec.capacityProviders[{i}].nodeSelector: '{labelKey}' is not a valid label key");
                }

                if (value.Length > 63 || !LabelValue().IsMatch(value))
                {
                    errors.Add($"spec.capacityProviders[{i}].nodeSelector['{labelKey}']: '{value}' is not a valid label value");
                }
            }
        }

        var strategy = spec.DefaultCapacityProviderStrategy ?? [];
        for (var i = 0; i < strategy.Count; i++)
        {
            var item = strategy[i];
            if (string.IsNullOrWhiteSpace(item.CapacityProvider))
            {
                errors.Add($"spec.defaultCapacityProviderStrategy[{i}].capacityProvider: is required");
            }
            else if (!names.Contains(item.CapacityProvider) && !BuiltInProviders.Contains(item.CapacityProvider))
            {
                errors.Add($"spec.defaultCapacityProviderStrategy[{i}].capacityProvider: '{item.CapacityProvider}' is not declared in spec.capacityProviders");
            }
        }

        if (strategy.Count(s => s.Base > 0) > 1)
        {
            errors.Add("spec.defaultCapacityProviderStrategy: only one capacity provider may have a base");
        }

        if (strategy.Count > 0 && strategy.All(s => (s.Weight ?? 0) == 0))
        {
            errors.Add("spec.defaultCapacityProviderStrategy: at least one capacity provider needs a weight above 0");
        }

        if (spec.Storage?.SharedVolumeSize is { } size && !IsQuantity(size))
        {
            errors.Add($"spec.storage.sharedVolumeSize: '{size}' is not a Kubernetes quantity (e.g. 5Gi)");
        }

        if (spec.Secrets is { Provider: "ExternalSecrets" } secrets)
        {
            // storeRef is the default of both providers' stores: it may be left out only when both are named.
            if (string.IsNullOrWhiteSpace(secrets.StoreRef?.Name)
                && (string.IsNullOrWhiteSpace(secrets.SecretsManagerStoreRef?.Name) || string.IsNullOrWhiteSpace(secrets.ParameterStoreStoreRef?.Name)))
            {
                errors.Add("spec.secrets.storeRef.name: is required when spec.secrets.provider is ExternalSecrets, unless secretsManagerStoreRef and parameterStoreStoreRef both name a store");
            }

            foreach (var (field, store) in new[] { ("secretsManagerStoreRef", secrets.SecretsManagerStoreRef), ("parameterStoreStoreRef", secrets.ParameterStoreStoreRef) })
            {
                if (store is not null && string.IsNullOrWhiteSpace(store.Name))
                {
                    errors.Add($"spec.secrets.{field}.name: is required when spec.secrets.{field} is set");
                }
            }
        }

        if (spec.Ingress?.Gateway is { } gateway && string.IsNullOrWhiteSpace(gateway.Name))
        {
            errors.Add("spec.ingress.gateway.name: is required when spec.ingress.gateway is set");
        }

        ValidatePodSecurity(spec.PodSecurity, errors);
        ValidatePolicy(spec.Policy, "spec.policy", errors);
        return errors;
    }

    /// <summary>Adds the problem of a <c>spec.podSecurity</c> (an EcsCluster's or an EcsClusterPolicy's) that is not a level EcsOnK8s renders.</summary>
    public static void ValidatePodSecurity(string? level, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (level is not null and not PodSecurityLevels.Baseline and not PodSecurityLevels.Restricted)
        {
            errors.Add($"spec.podSecurity: '{level}' is not a level EcsOnK8s renders (baseline or restricted)");
        }
    }

    /// <summary>
    /// Adds the problems of a policy's lists (<paramref name="path"/> is where it sits: spec.policy of an EcsCluster,
    /// spec.allow of an EcsClusterPolicy) to <paramref name="errors"/>.
    /// </summary>
    public static void ValidatePolicy(ClusterPolicy? policy, string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var capabilities = policy?.AllowedCapabilities ?? [];
        for (var i = 0; i < capabilities.Count; i++)
        {
            if (capabilities[i] is null || !Capability().IsMatch(capabilities[i]))
            {
                errors.Add($"{path}.allowedCapabilities[{i}]: '{capabilities[i]}' is not a Linux capability name (e.g. NET_ADMIN)");
            }
        }

        var sysctls = policy?.AllowedUnsafeSysctls ?? [];
        for (var i = 0; i < sysctls.Count; i++)
        {
            if (sysctls[i] is null || !SysctlPattern().IsMatch(sysctls[i]))
            {
                errors.Add($"{path}.allowedUnsafeSysctls[{i}]: '{sysctls[i]}' is not a sysctl name or a prefix ending in '*' (e.g. net.core.somaxconn, kernel.msg*)");
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is a Kubernetes label key (an optional DNS prefix, then a name).</summary>
    public static bool IsLabelKey(string? key) => key is not null && key.Length <= 316 && LabelKey().IsMatch(key);

    /// <summary>Whether <paramref name="value"/> is a Kubernetes label value.</summary>
    public static bool IsLabelValue(string? value) => value is not null && value.Length <= 63 && LabelValue().IsMatch(value);

    private static bool IsQuantity(string text)
    {
        try
        {
            _ = new ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^(CAP_)?[A-Z][A-Z_]*$")]
    private static partial Regex Capability();

    // Kubernetes' sysctl name (segments of [a-z0-9_-] separated by '.' or '/'), optionally ending in '*'.
    [GeneratedRegex(@"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*([a-z0-9]([-_a-z0-9]*[a-z0-9])?\*?|\*)\z")]
    private static partial Regex SysctlPattern();
}
