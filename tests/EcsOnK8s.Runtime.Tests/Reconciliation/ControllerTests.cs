using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.LeaderElection;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Runtime.Tests.Informers;
using EcsOnK8s.Runtime.Tests.Support;
using EcsOnK8s.Testing.Common;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Reconciliation;

public sealed class ControllerTests : IDisposable
{
    private static readonly ResourceType s_parents = ResourceTypes.ConfigMap;
    private static readonly ResourceType s_children = new("", "v1", "secrets", "Secret");
    private static readonly ResourceType s_references = new("", "v1", "services", "Service");

    private readonly FakeTimeProvider _time = new();
    private readonly FakeSourceFactory _sources = new();
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly ScriptedReconciler<V1ConfigMap> _reconciler = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly FakeListWatchSource<V1ConfigMap> _parents;
    private readonly FakeListWatchSource<V1Secret> _children;
    private readonly FakeListWatchSource<V1Service> _references;
    private Controller<V1ConfigMap>? _controller;
    private InformerFactory? _informers;
    private int _workers;

    public ControllerTests()
    {
        _parents = _sources.For<V1ConfigMap>(s_parents);
        _children = _sources.For<V1Secret>(s_children);
        _references = _sources.For<V1Service>(s_references);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _controller?.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_ExistingObjects_EachReconciledOnceAfterSync()
    {
        _parents.Put(Objects.ConfigMap("a"));
        _parents.Put(Objects.ConfigMap("b"));

        await StartAsync();

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "two reconciles");
        await SettledAsync(_parents);
        Assert.Equal(["default/a", "default/b"], _reconciler.Calls.Where(k => k != Sentinel).Select(k => k.ToString()).Order());
        Assert.True(_controller!.HasSynced);
        await Eventually.TrueAsync(() => _metrics.Reconciles.WithLabels("test", ReconcileOutcomeLabels.Done).Value == 3, "a, b and the sentinel counted Done");
    }

    [Fact]
    public async Task Run_RequeueAfter_ReconciledAgainAfterDelay()
    {
        _parents.Put(Objects.ConfigMap("a"));
        _reconciler.Then(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)));
        await StartAsync();
        await Eventually.TrueAsync(() => _controller!.Queue.DelayedCount == 1, "requeue scheduled");

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, _controller!.Queue.DelayedCount);
        await SettledAsync(_parents);
        Assert.Equal(1, _reconciler.CallsFor(Key("a")));

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 2, "requeued reconcile");
    }

    [Fact]
    public async Task Run_RequeueAfterThenQueuedEarlierByAChange_TheTimedLookIsDropped()
    {
        _parents.Put(Objects.ConfigMap("a"));
        _reconciler.Then(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)));
        await StartAsync();
        await Eventually.TrueAsync(() => _controller!.Queue.DelayedCount == 1, "requeue scheduled");

        // A change queues it before the 30 s: that reconcile answers Done, so nothing is due any more.
        _parents.Put(Objects.ConfigMap("a", value: "changed", generation: 2));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 2, "the change reconciled");
        await SettledAsync(_parents);
        Assert.Equal(0, _controller!.Queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(31));
        await SettledAsync(_parents);
        Assert.Equal(2, _reconciler.CallsFor(Key("a")));
    }

    [Fact]
    public async Task Run_ReconcileWaitsForTheApi_OwnDurationLeavesTheWaitsOutAndCountsParallelRequestsOnce()
    {
        var pending = new List<TaskCompletionSource<HttpResponseMessage>>();
        using var invoker = new HttpMessageInvoker(new ApiRequestMetricsHandler(_metrics) { InnerHandler = new PendingHandler(pending) });
        _parents.Put(Objects.ConfigMap("a"));
        _reconciler.Then(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(5));
            using var first = new HttpRequestMessage(HttpMethod.Get, "http://api.invalid/first");
            using var second = new HttpRequestMessage(HttpMethod.Get, "http://api.invalid/second");
            var a = invoker.SendAsync(first, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(10));
            var b = invoker.SendAsync(second, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(30));
            pending[0].SetResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
            a.GetAwaiter().GetResult().Dispose();
            _time.Advance(TimeSpan.FromMilliseconds(20));
            pending[1].SetResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
            b.GetAwaiter().GetResult().Dispose();
            _time.Advance(TimeSpan.FromMilliseconds(7));
            return ReconcileResult.Done;
        });
        await StartAsync();
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 1, "a reconciled");
        await SettledAsync(_parents);

        // 72 ms in all; requests in flight from 5 to 65 ms (60 ms, though the two add up to 80): 12 ms of its own.
        Assert.Equal(0.072, _metrics.ReconcileDuration.WithLabels("test").Sum, 6);
        Assert.Equal(0.012, _metrics.ReconcileOwnDuration.WithLabels("test").Sum, 6);
    }

    [Fact]
    public async Task Run_TransientErrorsAndExceptions_RetriedWithGrowingBackoff()
    {
        _parents.Put(Objects.ConfigMap("a"));
        _reconciler.Then(ReconcileResult.TransientError(new InvalidOperationException("first")));
        _reconciler.Then(() => throw new InvalidOperationException("second, thrown"));
        await StartAsync();
        await Eventually.TrueAsync(() => _controller!.Queue.DelayedCount == 1, "first retry scheduled");

        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "retry after 5 ms");
        await Eventually.TrueAsync(() => _controller!.Queue.DelayedCount == 1, "second retry scheduled");

        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(1, _controller!.Queue.DelayedCount);
        await SettledAsync(_parents);
        Assert.Equal(2, _reconciler.CallsFor(Key("a")));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 3, "retry after 10 ms");
        Assert.Equal(2, _metrics.ReconcileErrors.WithLabels("test").Value);

        // The reconciler records a call before the controller acts on its result.
        await Eventually.TrueAsync(() => _controller!.Queue.NumRequeues(Key("a")) == 0, "requeues forgotten after success");
    }

    [Fact]
    public async Task Run_WriteRefusedByLeaseFence_NotRetriedAndWorkersTakeNoMoreKeysUntilStopped()
    {
        _parents.Put(Objects.ConfigMap("a"));
        _parents.Put(Objects.ConfigMap("b"));
        _reconciler.Then(() => throw new LeadershipLostException("write refused"));
        _reconciler.Then(() => throw new LeadershipLostException("write refused"));
        Build(withReferences: false, workers: 2);
        await _controller!.StartInformersAsync(_stop.Token);
        var workers = _controller.RunWorkersAsync(_stop.Token);
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "both workers refused a write");

        _parents.Put(Objects.ConfigMap("c"));
        await Eventually.TrueAsync(() => _controller.Queue.Count == 1, "c queued");

        // Neither worker takes c, nothing waits for a retry, and no error is counted against a, b or their objects.
        Assert.Equal(2, _reconciler.Calls.Count);
        Assert.Equal(0, _controller.Queue.DelayedCount);
        Assert.Equal(0, _metrics.ReconcileErrors.WithLabels("test").Value);
        Assert.False(workers.IsCompleted, "the workers ended on their own instead of waiting to be stopped");

        await _stop.CancelAsync();
        await workers.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _reconciler.Calls.Count);
    }

    [Fact]
    public async Task TerminalError_SameGenerationUpdate_Ignored_NewGeneration_Reconciled()
    {
        _parents.Put(Objects.ConfigMap("a", generation: 1));
        _reconciler.Then(ReconcileResult.TerminalError("Invalid"));
        await StartAsync();
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "first reconcile");
        await Eventually.TrueAsync(() => _controller!.IsTerminal(Key("a"), 1), "generation 1 recorded as terminal");

        _parents.Put(Objects.ConfigMap("a", value: "status-only", generation: 1));
        _time.Advance(TimeSpan.FromHours(1));
        await SettledAsync(_parents);
        Assert.Equal(1, _reconciler.CallsFor(Key("a")));
        Assert.True(_controller!.IsTerminal(Key("a"), 1));

        _parents.Put(Objects.ConfigMap("a", value: "spec change", generation: 2));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 2, "reconcile of generation 2");
        await Eventually.TrueAsync(() => !_controller.IsTerminal(Key("a"), 1), "terminal record cleared by the successful reconcile");
    }

    [Fact]
    public async Task TerminalError_SuccessorOfTheSameNameAndGeneration_Reconciled()
    {
        _parents.Put(Objects.ConfigMap("a", generation: 1));
        _reconciler.Then(ReconcileResult.TerminalError("Invalid"));
        await StartAsync();
        await Eventually.TrueAsync(() => _controller!.IsTerminal(Key("a"), 1), "generation 1 recorded as terminal");
        await Eventually.TrueAsync(() => _parents.Watching, "watch open");

        // Deleted and created again while the delete went unseen: the cache meets the successor as a change of "a".
        var successor = Objects.ConfigMap("a", value: "successor", generation: 1);
        successor.Metadata.Uid = "uid-successor";
        _parents.Put(successor);

        await Eventually.TrueAsync(() => _reconciler.Calls.Count >= 2, "the successor reconciled");
        Assert.False(_controller!.IsTerminal(Key("a"), 1, "uid-successor"));
    }

    [Fact]
    public async Task TerminalError_ChildOrReferenceChanges_StillReconciled()
    {
        var parent = Objects.ConfigMap("a", generation: 1);
        _parents.Put(parent);
        _reconciler.Then(ReconcileResult.TerminalError("Invalid"));
        await StartAsync(withReferences: true);
        await Eventually.TrueAsync(() => _controller!.IsTerminal(Key("a"), 1), "generation 1 recorded as terminal");

        _children.Put(Child("a-child", parent));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "reconcile for the child");

        _reconciler.Then(ReconcileResult.TerminalError("Invalid"));
        _references.Put(Reference("ref", "a"));
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 3, "reconcile for the reference");
    }

    [Fact]
    public async Task TerminalError_PrimaryDeleted_Reconciled()
    {
        _parents.Put(Objects.ConfigMap("a", generation: 1));
        _reconciler.Then(ReconcileResult.TerminalError("Invalid"));
        await StartAsync();
        await Eventually.TrueAsync(() => _controller!.IsTerminal(Key("a"), 1), "generation 1 recorded as terminal");

        _parents.Delete(Key("a"));

        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "reconcile of the deletion");
    }

    [Fact]
    public async Task OwnedChild_Changed_OwnerReconciled_ForeignOwnerIgnored()
    {
        var parent = Objects.ConfigMap("a");
        _parents.Put(parent);
        await StartAsync();
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "first reconcile");

        _children.Put(Child("a-child", parent));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 2, "owner reconciled for a child add");
        _children.Delete(Key("a-child"));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 3, "owner reconciled for a child delete");

        var foreign = Child("foreign", parent);
        foreign.Metadata.OwnerReferences[0].Kind = "Deployment";
        foreign.Metadata.OwnerReferences[0].ApiVersion = "apps/v1";
        _children.Put(foreign);
        await SettledAsync(_children);
        Assert.Equal(3, _reconciler.CallsFor(Key("a")));
    }

    [Fact]
    public async Task Reference_Changed_MappedKeysReconciled()
    {
        _parents.Put(Objects.ConfigMap("a"));
        _parents.Put(Objects.ConfigMap("b"));
        await StartAsync(withReferences: true);
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "initial reconciles");

        _references.Put(Reference("ref", "b"));

        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("b")) == 2, "b reconciled for the reference");
        await SettledAsync(_references);
        Assert.Equal(1, _reconciler.CallsFor(Key("a")));
    }

    [Fact]
    public async Task Watches_Coalesced_ManyReferenceChangesInWindow_OneReconcileAfterWindow()
    {
        _parents.Put(Objects.ConfigMap("a"));
        await StartAsync(withReferences: true, watchOptions: new WatchOptions { Coalesce = TimeSpan.FromSeconds(2) });
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "initial reconcile");

        for (var i = 0; i < 5; i++)
        {
            _references.Put(Reference($"ref-{i}", "a"));
        }

        await Eventually.TrueAsync(() => _controller!.Queue.DelayedCount == 1, "one delayed key");
        await SettledAsync(_parents);
        Assert.Equal(1, _reconciler.CallsFor(Key("a")));
        Assert.Equal(1, _controller!.Queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 2, "reconcile after the window");
        await SettledAsync(_parents, "sentinel-2");
        Assert.Equal(2, _reconciler.CallsFor(Key("a")));
        Assert.Equal(0, _controller!.Queue.DelayedCount);
    }

    [Fact]
    public async Task Primary_UpdateOfNothingButStatus_NotQueued_GenerationOrLabelChange_Queued()
    {
        // ConfigMaps stand in for a resource with generation and status: same generation and metadata, other content.
        _parents.Put(Objects.ConfigMap("a", value: "1", generation: 1));
        await StartAsync();
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "initial reconcile");

        _parents.Put(Objects.ConfigMap("a", value: "2", generation: 1));
        await Eventually.TrueAsync(() => _controller!.Informer.Store.Get(Key("a"))?.Data?["value"] == "2", "cache updated");
        await SettledAsync(_parents);
        Assert.Equal(1, _reconciler.CallsFor(Key("a")));

        _parents.Put(Objects.ConfigMap("a", value: "2", generation: 2));
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 2, "reconcile for the new generation");

        var labelled = Objects.ConfigMap("a", value: "2", generation: 2);
        labelled.Metadata.Labels = new Dictionary<string, string> { ["team"] = "x" };
        _parents.Put(labelled);
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 3, "reconcile for the label");
    }

    [Fact]
    public async Task Watches_IgnoreStatusOnlyUpdates_StatusOnlyChangeOfReference_NotQueued()
    {
        _parents.Put(Objects.ConfigMap("a"));
        await StartAsync(withReferences: true, watchOptions: new WatchOptions { IgnoreStatusOnlyUpdates = true });
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 1, "initial reconcile");

        var reference = Reference("ref", "a");
        reference.Metadata.Generation = 1;
        _references.Put(reference);
        await Eventually.TrueAsync(() => _reconciler.Calls.Count == 2, "reconcile for the new reference");

        var statusOnly = Reference("ref", "a");
        statusOnly.Metadata.Generation = 1;
        statusOnly.Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = [new V1LoadBalancerIngress { Ip = "10.0.0.1" }] } };
        _references.Put(statusOnly);
        await SettledAsync(_references);
        Assert.Equal(2, _reconciler.CallsFor(Key("a")));

        var newGeneration = Reference("ref", "a");
        newGeneration.Metadata.Generation = 2;
        _references.Put(newGeneration);
        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key("a")) == 3, "reconcile for the new generation");
    }

    [Fact]
    public async Task Queue_EventsBeforeWorkersStart_KeysWaitDeduplicated()
    {
        _parents.Put(Objects.ConfigMap("a"));
        Build(withReferences: false);
        await _controller!.StartInformersAsync(_stop.Token);
        await Eventually.TrueAsync(() => _controller.HasSynced, "synced");
        _parents.Put(Objects.ConfigMap("a", value: "2"));
        _parents.Put(Objects.ConfigMap("a", value: "3"));
        // Events are handled in order: once the sentinel is queued, both updates of a have been.
        _parents.Put(Objects.ConfigMap(Sentinel.Name));

        await Eventually.TrueAsync(() => _controller.Queue.Count == 2, "a and the sentinel queued");
        Assert.Empty(_reconciler.Calls);
    }

    private static readonly ObjectKey Sentinel = new("default", "sentinel");

    private static ObjectKey Key(string name) => new("default", name);

    /// <summary>
    /// A barrier for "nothing happened": a sentinel key is made to arrive through <paramref name="source"/> after
    /// every event already given to it. An informer hands its events to the controller in order, and one worker
    /// takes keys in the order they were queued, so once the sentinel is reconciled every key queued by an earlier
    /// event has been reconciled too.
    /// </summary>
    private async Task SettledAsync(object source, string sentinel = "sentinel")
    {
        Assert.Equal(1, _workers);
        var before = _reconciler.CallsFor(Key(sentinel));
        switch (source)
        {
            case FakeListWatchSource<V1ConfigMap> parents:
                parents.Put(Objects.ConfigMap(sentinel, value: before.ToString(System.Globalization.CultureInfo.InvariantCulture), generation: before + 1));
                break;
            case FakeListWatchSource<V1Secret> children:
                children.Put(Child(sentinel + "-child", Objects.ConfigMap(sentinel)));
                break;
            case FakeListWatchSource<V1Service> references:
                references.Put(Reference(sentinel + "-ref", sentinel));
                break;
            default:
                throw new ArgumentException("not a source of this controller", nameof(source));
        }

        await Eventually.TrueAsync(() => _reconciler.CallsFor(Key(sentinel)) > before, $"the {sentinel} reconciled");
    }

    private static V1Secret Child(string name, V1ConfigMap owner) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            OwnerReferences = [Objects.ControllerOf(owner)],
        },
    };

    private static V1Service Reference(string name, string parent) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["parent"] = parent } },
    };

    private void Build(bool withReferences, WatchOptions? watchOptions = null, int workers = 1)
    {
        _informers = new InformerFactory(_sources, new InformerOptions { IdleTimeout = TimeSpan.FromDays(1), MinWatchTimeout = TimeSpan.FromDays(2), MaxWatchTimeout = TimeSpan.FromDays(3) }, _time, metrics: _metrics);
        var builder = new ControllerBuilder<V1ConfigMap>("test", _informers, s_parents)
            .Owns<V1Secret>(s_children)
            .WithOptions(new ControllerOptions { Workers = workers });
        _workers = workers;
        if (withReferences)
        {
            builder.Watches(_informers.Get<V1Service>(s_references), service => [new ObjectKey("default", service.Metadata.Labels["parent"])], watchOptions);
        }

        _controller = builder.Build(_reconciler);
    }

    private async Task StartAsync(bool withReferences = false, WatchOptions? watchOptions = null)
    {
        Build(withReferences, watchOptions);
        await _controller!.StartInformersAsync(_stop.Token);
        _ = _controller.RunWorkersAsync(_stop.Token);
    }

    /// <summary>Answers each request when the test completes its entry.</summary>
    private sealed class PendingHandler(List<TaskCompletionSource<HttpResponseMessage>> pending) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource<HttpResponseMessage>();
            pending.Add(answer);
            return answer.Task;
        }
    }
}
