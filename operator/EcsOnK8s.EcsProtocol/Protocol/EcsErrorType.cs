namespace EcsOnK8s.EcsProtocol.Protocol;

/// <summary>The error types an answer's <c>__type</c> names: ECS's own, and the ones AWS's front end answers for every JSON service.</summary>
public enum EcsErrorType
{
    ClientException,
    InvalidParameterException,
    ClusterNotFoundException,
    ClusterContainsServicesException,
    ClusterContainsTasksException,
    ServiceNotFoundException,
    ServiceNotActiveException,
    ResourceNotFoundException,
    AccessDeniedException,
    UnrecognizedClientException,
    InvalidSignatureException,
    IncompleteSignatureException,
    MissingAuthenticationTokenException,
    SerializationException,
    UnknownOperationException,
    RequestEntityTooLargeException,
    ThrottlingException,
    ServerException,
}
