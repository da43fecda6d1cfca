using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The plain-client baseline: <c>count</c> ConfigMap creates of about <c>bytes</c> each, <c>concurrency</c> at a
/// time, with the same KubernetesClient the operator is built on. What the API server and etcd need for that many
/// writes on this machine, without any of the operator's reads, rendering or decisions.
/// </summary>
internal static class BaselineWriter
{
    public static async Task<TimeSpan> WriteAsync(
        IKubernetes client, string ns, int count, int bytes, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await BenchWorkload.CreateNamespaceAsync(client, ns, cancellationToken).ConfigureAwait(false);

        // Random-looking text, so that nothing along the way gets an easy ride from compression.
        var payload = string.Create(Math.Max(16, bytes - 200), 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i * 7919) + (i / 26)) % 26);
            }
        });

        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var configMap = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "baseline-" + i.ToString("D6", CultureInfo.InvariantCulture),
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "ecsonk8s-benchmark" },
                },
                Data = new Dictionary<string, string> { ["payload"] = payload },
            };
            await client.CoreV1.CreateNamespacedConfigMapAsync(configMap, ns, cancellationToken: token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return watch.Elapsed;
    }
}
