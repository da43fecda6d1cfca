using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.LeaderElection;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Events;

/// <summary>
/// Posts Kubernetes Events (core/v1) about EcsOnK8s resources, so <c>kubectl describe</c> shows the same moments as
/// the ECS-shaped status. Events are only written on transitions, never on a converged pass. As with client-go's
/// recorder, a reconcile only queues its events: a few background senders post them, so that no reconcile waits for
/// a best-effort write; when the queue is full, new events are dropped rather than held in memory.
/// </summary>
public sealed class KubeEventRecorder : IEventRecorder, IAsyncDisposable
{
    public const string Component = "ecsonk8s-operator";

    /// <summary>Events waiting to be posted, at most.</summary>
    public const int QueueCapacity = 1000;

    private const int Senders = 4;
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(5);

    private readonly KubernetesRestClient _client;
    private readonly TimeProvider _time;
    private readonly Channel<Corev1Event> _queue = Channel.CreateBounded<Corev1Event>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _senders;

    public KubeEventRecorder(KubernetesRestClient client, TimeProvider time)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _senders = [.. Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAllAsync))];
    }

    /// <summary>Queues an event about <paramref name="subject"/>; it is posted in the background.</summary>
    public void Record(IKubernetesObject<V1ObjectMeta> subject, EventKind kind, string message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(message);
        var reason = kind.Reason;
        var now = _time.GetUtcNow().UtcDateTime;
        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{subject.Metadata.Uid}/{reason}/{message}/{now.Ticks.ToString(CultureInfo.InvariantCulture)}")))[..16];
        _queue.Writer.TryWrite(new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{subject.Metadata.Name}.{suffix}", NamespaceProperty = subject.Metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = subject.ApiVersion,
                Kind = subject.Kind,
                Name = subject.Metadata.Name,
                NamespaceProperty = subject.Metadata.NamespaceProperty,
                Uid = subject.Metadata.Uid,
                ResourceVersion = subject.Metadata.ResourceVersion,
            },
            Type = kind.Type.ToString(),
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
        });
    }

    /// <summary>Stops taking events and posts what is queued, for a few seconds at most.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_senders).WaitAsync(s_drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var @event in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await _client.SendJsonAsync(
                        HttpMethod.Post, ResourceTypes.Event.CollectionPath(@event.Metadata.NamespaceProperty),
                        KubernetesJson.Serialize(@event), "application/json", _stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is KubernetesApiException or HttpRequestException or LeadershipLostException)
                {
                    // Best effort: a refused or undeliverable event is not retried, nor one queued by a leader that
                    // has lost its lease since.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
