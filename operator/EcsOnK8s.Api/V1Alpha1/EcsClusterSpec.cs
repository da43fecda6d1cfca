namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An ECS cluster: capacity providers, defaults and the policy for everything that names it.</summary>
public sealed class EcsClusterSpec
{
    /// <summary>Capacity providers: each a set of Kubernetes scheduling constraints.</summary>
    public List<CapacityProvider>? CapacityProviders { get; set; }

    /// <summary>Strategy for services that give neither launchType nor capacityProviderStrategy.</summary>
    public List<CapacityProviderStrategyItem>? DefaultCapacityProviderStrategy { get; set; }

    /// <summary>ECS cluster settings (containerInsights); accepted and reported.</summary>
    public List<ClusterSetting>? Settings { get; set; }

    public ClusterStorage? Storage { get; set; }

    public ClusterSecrets? Secrets { get; set; }

    /// <summary>Pull secrets added to every task that has an executionRoleArn or repositoryCredentials.</summary>
    public List<string>? ImagePullSecrets { get; set; }

    /// <summary>Extended resource name that GPU requirements map to. Defaults to nvidia.com/gpu.</summary>
    public string? GpuResourceName { get; set; }

    public ClusterPolicy? Policy { get; set; }

    public ClusterNotifications? Notifications { get; set; }

    public List<Tag>? Tags { get; set; }
}
