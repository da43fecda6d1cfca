namespace EcsOnK8s.Runtime.Diagnostics;

/// <summary>
/// The wall-clock time a piece of work (one reconcile) spent with at least one Kubernetes API request in flight:
/// <see cref="Begin"/> makes it current for the calling async flow, and <see cref="Kube.ApiRequestMetricsHandler"/>
/// feeds it. Requests in parallel (children applied together) count once, so the work's duration minus this is its
/// own time: computing, and waiting for a CPU or a lock. A response body read after the handlers return (HttpClient
/// buffers it) is not counted.
/// </summary>
public sealed class ApiWait
{
    private static readonly AsyncLocal<ApiWait?> s_current = new();

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _inFlight;
    private long _since;
    private TimeSpan _total;

    private ApiWait(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The accumulator of the current async flow, if any.</summary>
    public static ApiWait? Current => s_current.Value;

    /// <summary>Time with a request in flight so far (an open one counted up to now).</summary>
    public TimeSpan Total
    {
        get
        {
            lock (_lock)
            {
                return _inFlight > 0 ? _total + _time.GetElapsedTime(_since) : _total;
            }
        }
    }

    /// <summary>
    /// A new accumulator, current for the rest of the calling async method and what it calls (an async method's
    /// change of an <see cref="AsyncLocal{T}"/> ends with it).
    /// </summary>
    public static ApiWait Begin(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var wait = new ApiWait(time);
        s_current.Value = wait;
        return wait;
    }

    internal void RequestStarted()
    {
        lock (_lock)
        {
            if (_inFlight++ == 0)
            {
                _since = _time.GetTimestamp();
            }
        }
    }

    internal void RequestEnded()
    {
        lock (_lock)
        {
            if (--_inFlight == 0)
            {
                _total += _time.GetElapsedTime(_since);
            }
        }
    }
}
