namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>The <c>__type</c> of EventBridge's error answers that the endpoint gives, with their HTTP status.</summary>
public enum EventBridgeErrorType
{
    /// <summary>400: the request breaks a constraint (entry count, entry size, an invalid CloudEvent).</summary>
    ValidationException,

    /// <summary>400: the body is not the JSON the operation takes.</summary>
    SerializationException,

    /// <summary>401: no bearer token, or one the API server does not recognise.</summary>
    UnrecognizedClientException,

    /// <summary>403: the token's identity may not post events to the namespace.</summary>
    AccessDeniedException,

    /// <summary>404: no such operation (an unknown path).</summary>
    UnknownOperationException,

    /// <summary>413: the body is larger than <see cref="IngestLimits.MaxRequestBytes"/>.</summary>
    RequestEntityTooLargeException,

    /// <summary>415: a content type the route does not take.</summary>
    UnsupportedMediaTypeException,

    /// <summary>408: the client took too long to send its request (headers or body).</summary>
    RequestTimeoutException,

    /// <summary>429: the caller (its identity, or its address after refused authentications) is over its rate.</summary>
    ThrottlingException,

    /// <summary>500: the operator could not check the caller or record the events; the client retries.</summary>
    InternalException,
}
