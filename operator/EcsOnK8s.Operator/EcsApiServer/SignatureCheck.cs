using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.Operator.Endpoints;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>A request's SigV4 check: the access key that signed it, or the AWS error that refuses it.</summary>
public sealed record SignatureCheck(EcsApiKey? Key, EcsApiException? Refusal) : IAuthenticationOutcome
{
    /// <summary>A rate is per access key (one identity may hold several, each with its own budget).</summary>
    public string? Identity => Refusal is null ? Key?.AccessKeyId : null;

    // Every refused signature is the caller's: a wrong key, a bad signature, a stale clock.
    public bool CountsAgainstAddress => Refusal is not null;
}
