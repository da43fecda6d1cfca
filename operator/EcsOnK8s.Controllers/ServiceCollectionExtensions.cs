using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOnK8s.Controllers;

/// <summary>Registers the EcsOnK8s controllers with the operator host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="Runtime.IManagedController"/> per reconciled kind. The host has already registered
    /// IKubernetes, RuntimeMetrics and TimeProvider, and runs every IManagedController it finds: informers on every
    /// replica, workers on the leader. <paramref name="configuration"/> holds the validated operator settings under
    /// <c>Operator</c>: <c>Operator:Namespaces</c> (comma-separated, empty for all) and <c>Operator:Workers</c>.
    /// </summary>
    public static IServiceCollection AddEcsControllers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The controllers (issue 6) register here.
        return services;
    }
}
