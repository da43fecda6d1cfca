namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// A watch the API server had answered (200, the stream open) whose connection then broke: cut by a proxy, a load
/// balancer or an API server going away. Not a refusal, so it does not add to the reflector's failures in a row.
/// </summary>
public sealed class WatchCutException : IOException
{
    public WatchCutException()
    {
    }

    public WatchCutException(string message)
        : base(message)
    {
    }

    public WatchCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WatchCutException(Exception innerException)
        : base($"the watch's connection broke: {innerException?.Message}", innerException)
    {
    }
}
