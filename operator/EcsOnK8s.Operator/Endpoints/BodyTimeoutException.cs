namespace EcsOnK8s.Operator.Endpoints;

/// <summary>A request body did not arrive whole within <see cref="EndpointLimits.BodyTimeout"/>.</summary>
public sealed class BodyTimeoutException : Exception
{
    public BodyTimeoutException()
        : base("the request body did not arrive in time")
    {
    }

    public BodyTimeoutException(string message)
        : base(message)
    {
    }

    public BodyTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
