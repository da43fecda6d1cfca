using System.Net;
using k8s.Models;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>A Kubernetes API request answered with an error status (or a watch ERROR event).</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException()
    {
    }

    public KubernetesApiException(string message)
        : base(message)
    {
    }

    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KubernetesApiException(HttpStatusCode statusCode, V1Status? status, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status object the server returned, when it returned one.</summary>
    public V1Status? Status { get; }

    /// <summary>410 Gone: the resource version asked for has been compacted; list again.</summary>
    public bool IsExpired => StatusCode == HttpStatusCode.Gone;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;

    /// <summary>
    /// 400 Bad Request or 422 Unprocessable Entity: the server refused what was sent (invalid, immutable field, a
    /// body it cannot decode or merge), so sending the same again fails the same way; only a different request can
    /// succeed. Not a transient error.
    /// </summary>
    public bool IsRefused => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;

    /// <summary>The server's own explanation (its Status message), else this exception's message.</summary>
    public string ServerMessage => Status?.Message is { Length: > 0 } message ? message : Message;
}
