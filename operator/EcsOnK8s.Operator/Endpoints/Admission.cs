namespace EcsOnK8s.Operator.Endpoints;

/// <summary>The guard's decision on one request, with the authentication's outcome (none when the address was throttled).</summary>
public readonly record struct Admission<TOutcome>(AdmissionVerdict Verdict, TOutcome? Outcome)
    where TOutcome : class, IAuthenticationOutcome;
