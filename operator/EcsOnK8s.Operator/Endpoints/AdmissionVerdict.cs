namespace EcsOnK8s.Operator.Endpoints;

/// <summary>How <see cref="EndpointGuard.AdmitAsync{TOutcome}"/> decided; each endpoint answers each in its own error shape.</summary>
public enum AdmissionVerdict
{
    Admitted,

    /// <summary>The address used up its refused authentications: not even authenticated.</summary>
    AddressThrottled,

    /// <summary>The endpoint's authentication refused the caller (the outcome says why).</summary>
    Refused,

    /// <summary>The authenticated identity is over its rate.</summary>
    CallerThrottled,
}
