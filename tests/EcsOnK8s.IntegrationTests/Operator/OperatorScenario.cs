using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>The real operator host, in-process, watching one test namespace; plus helpers to write ECS resources.</summary>
internal sealed class OperatorScenario : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly OperatorHostHarness _host;

    private OperatorScenario(OperatorHostHarness host, IKubernetes client, string ns)
    {
        _host = host;
        Client = client;
        Namespace = ns;
        Ecs = new EcsClient(client);
    }

    public IKubernetes Client { get; }

    public EcsClient Ecs { get; }

    public string Namespace { get; }

    /// <summary>Starts the operator on a new namespace; <paramref name="flags"/> are added to its command line.</summary>
    public static async Task<OperatorScenario> StartAsync(KubeFixture fixture, string prefix, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var ns = await fixture.CreateNamespaceAsync(prefix);
        return await ResumeAsync(fixture, ns, flags);
    }

    /// <summary>A new operator on a namespace that another scenario (stopped) left: a restart.</summary>
    public static async Task<OperatorScenario> ResumeAsync(KubeFixture fixture, string ns, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var host = await OperatorHostHarness.StartAsync(fixture.KubeconfigPath, ownMetrics: true, ["--namespaces", ns, "--leader-election", "false", .. flags]);
        host.Probe.AllowSync();
        return new OperatorScenario(host, fixture.Client, ns);
    }

    /// <summary>Creates a resource from YAML, in the scenario's namespace.</summary>
    public Task<T> CreateAsync<T>(string yaml)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = Namespace;
        return Ecs.CreateAsync(resource);
    }

    /// <summary>Polls until <paramref name="read"/> returns a value that satisfies <paramref name="done"/>; fails with what it saw last.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(read, done, what, timeout ?? Patience, describe: last => KubernetesJson.Serialize(last));

    /// <summary>
    /// A barrier before "nothing else happens": nothing is queued in this scenario's operator, no key waits for a delay
    /// (a change coalesced into a later reconcile, as a cluster's counts are, a timed requeue, a retry) and every key a
    /// worker took has been marked done (as many hand-outs as finished work items). Call it after observing the effect
    /// of the event whose other consequences must not happen.
    /// </summary>
    public Task IdleAsync()
    {
        var metrics = _host.RuntimeMetrics;
        return Eventually.TrueAsync(
            () =>
            {
                var queues = metrics.QueueDepth.GetAllLabelValues().Concat(metrics.QueueLatency.GetAllLabelValues()).Select(l => l[0]).Distinct().ToList();
                // No queue at all would mean the counters are not this operator's, and the barrier would be empty.
                return queues.Count > 0
                    && queues.Sum(q => metrics.QueueDepth.WithLabels(q).Value) == 0
                    && queues.Sum(q => metrics.QueueDelayed.WithLabels(q).Value) == 0
                    && queues.Sum(q => metrics.QueueLatency.WithLabels(q).Count) == queues.Sum(q => metrics.WorkDuration.WithLabels(q).Count);
            },
            "the operator idle",
            Patience,
            poll: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The operator's services (e.g. its discovery), for tests that observe a part of it.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Reconciles the named controller (e.g. "ecsservice") has finished.</summary>
    public long Reconciles(string controller) => (long)_host.RuntimeMetrics.WorkDuration.WithLabels(controller).Count;

    public Task<EcsService?> ServiceAsync(string name) => Ecs.GetAsync<EcsService>(Namespace, name);

    public Task<EcsTaskDefinition?> TaskDefinitionAsync(string name) => Ecs.GetAsync<EcsTaskDefinition>(Namespace, name);

    public async Task<k8s.Models.V1Deployment?> DeploymentAsync(string name)
    {
        try
        {
            return await Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static Condition? ConditionOf(IReadOnlyList<Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Stops the operator (the scenario's objects stay): what changes now is never observed.</summary>
    public Task StopOperatorAsync() => _host.StopAsync();

    /// <summary>GET /metrics of the scenario's operator.</summary>
    public async Task<string> MetricsAsync()
    {
        using var response = await _host.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
