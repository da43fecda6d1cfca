namespace EcsOnK8s.Translation.Model;

/// <summary>The integrations the CLI can be told are installed, with the versions it then renders.</summary>
public static class ClusterIntegrations
{
    public static IReadOnlyList<ClusterIntegration> All { get; } =
    [
        new("keda", "ScaledObject, TriggerAuthentication", "keda.sh/v1alpha1", c => c with { KedaApiVersion = "keda.sh/v1alpha1" }),
        new("aws-load-balancer-controller", "TargetGroupBinding", "elbv2.k8s.aws/v1beta1", c => c with { TargetGroupBindingApiVersion = "elbv2.k8s.aws/v1beta1" }),
        new("gateway-api", "HTTPRoute", "gateway.networking.k8s.io/v1", c => c with { HttpRouteApiVersion = "gateway.networking.k8s.io/v1" }),
        new("external-secrets", "ExternalSecret", "external-secrets.io/v1", c => c with { ExternalSecretApiVersion = "external-secrets.io/v1" }),
    ];

    /// <summary>The valid names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(i => i.Name));

    /// <summary>The integration called <paramref name="name"/> (exact, lowercase), or null.</summary>
    public static ClusterIntegration? Find(string name) => All.FirstOrDefault(i => i.Name == name);

    /// <summary>
    /// <paramref name="capabilities"/> with the named integrations installed; the first unknown name (and the
    /// capabilities unchanged) when there is one.
    /// </summary>
    public static (ClusterCapabilities Capabilities, string? Unknown) With(ClusterCapabilities capabilities, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(names);
        var result = capabilities;
        foreach (var name in names)
        {
            if (Find(name) is not { } integration)
            {
                return (capabilities, name);
            }

            result = integration.Apply(result);
        }

        return (result, null);
    }

    /// <summary>Names from a comma-separated list (blanks and empty items dropped).</summary>
    public static IReadOnlyList<string> Split(string list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
