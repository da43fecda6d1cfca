using EcsOnK8s.Operator.Options;
using k8s;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>Finds the Kubernetes connection: --kubeconfig, then KUBECONFIG, then the pod's service account, then ~/.kube/config.</summary>
public static class KubernetesConfigLoader
{
    /// <summary>Throws <see cref="OperatorOptionsException"/> when no configuration can be found or read.</summary>
    public static KubernetesClientConfiguration Load(string? kubeconfig, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            if (!string.IsNullOrEmpty(kubeconfig))
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
            }

            // KUBECONFIG may list several files; the first that exists is used (no merging).
            var fromEnvironment = environment("KUBECONFIG")?
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(File.Exists);
            if (fromEnvironment is not null)
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(fromEnvironment);
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            if (File.Exists(home))
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(home);
            }
        }
        catch (Exception e) when (e is not OperatorOptionsException)
        {
            throw new OperatorOptionsException($"cannot read the Kubernetes configuration: {e.Message}", e);
        }

        throw new OperatorOptionsException(
            "no Kubernetes configuration: pass --kubeconfig, set KUBECONFIG, or run in a pod with a service account");
    }
}
