namespace EcsOnK8s.Operator.Endpoints;

/// <summary>What an endpoint's own authentication found out about a caller, as <see cref="EndpointGuard"/> needs it.</summary>
public interface IAuthenticationOutcome
{
    /// <summary>The identity whose rate the request counts against; null when the caller was refused.</summary>
    string? Identity { get; }

    /// <summary>
    /// Whether a refusal counts against the caller's address: a wrong credential does, a failure of the operator's
    /// own (the API server could not be asked) does not.
    /// </summary>
    bool CountsAgainstAddress { get; }
}
