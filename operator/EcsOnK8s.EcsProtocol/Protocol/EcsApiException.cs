namespace EcsOnK8s.EcsProtocol.Protocol;

/// <summary>A refusal answered as AWS shapes it: <c>{"__type": Type, "message": Message}</c> with <see cref="StatusCode"/>.</summary>
public sealed class EcsApiException : Exception
{
    public EcsApiException()
        : this(EcsErrorType.ServerException, "The request could not be handled.")
    {
    }

    public EcsApiException(string message)
        : this(EcsErrorType.ClientException, message)
    {
    }

    public EcsApiException(string message, Exception innerException)
        : base(message, innerException) => Type = EcsErrorType.ServerException;

    public EcsApiException(EcsErrorType type, string message)
        : base(message) => Type = type;

    public EcsErrorType Type { get; }

    public int StatusCode => AwsJsonProtocol.StatusOf(Type);
}
