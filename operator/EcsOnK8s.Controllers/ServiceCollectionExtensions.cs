using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOnK8s.Controllers;

/// <summary>Registers the EcsOnK8s controllers with the operator host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="Runtime.IManagedController"/> per reconciled kind. The host has already registered
    /// IKubernetes (requests counted), RuntimeMetrics, TimeProvider, and, from its flags, ControllerOptions
    /// (Workers) and InformerOptions (Namespaces); it runs every IManagedController it finds: informers on every
    /// replica, workers on the leader. <paramref name="configuration"/> holds the validated operator settings under
    /// <c>Operator</c> as well: <c>Operator:Namespaces</c> (comma-separated, empty for all) and <c>Operator:Workers</c>.
    /// </summary>
    public static IServiceCollection AddEcsControllers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The controllers (issue 6) register here.
        return services;
    }
}
