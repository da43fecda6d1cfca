using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events.Ingest;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Events;

/// <summary>
/// Who may post events to a namespace: the caller sends <c>Authorization: Bearer TOKEN</c>, a Kubernetes token (a
/// ServiceAccount's); a TokenReview says whose it is, a SubjectAccessReview whether that identity may
/// <c>create</c> <c>ecseventrules/events</c> in the URL's namespace. The caller reaches no further than its
/// Kubernetes rights, and the operator reads no Secret. Answers are kept for a short while by a hash of the token
/// (never the token), so a burst of posts costs two reviews; a refusal is kept as long, so a Role granted later
/// works within that time.
/// </summary>
public sealed partial class EventCallerAuthorizer(IKubernetes kubernetes, TimeProvider time, TimeSpan cacheDuration, ILogger<EventCallerAuthorizer> logger)
{
    /// <summary>The subresource the SubjectAccessReview asks about; a Role grants <c>create</c> on <c>ecseventrules/events</c>.</summary>
    public const string Subresource = "events";

    public const string Verb = "create";

    // Bounds the memory a flood of distinct tokens can take; the cache is only an optimisation.
    private const int MaxCachedDecisions = 10_000;

    private readonly ConcurrentDictionary<string, (CallerDecision Decision, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task<CallerDecision> AuthorizeAsync(string? authorization, string @namespace, CancellationToken cancellationToken)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length == bearer.Length)
        {
            return CallerDecision.Refuse(
                EventBridgeErrorType.UnrecognizedClientException, "Missing authentication: send 'Authorization: Bearer TOKEN' with a Kubernetes ServiceAccount token.");
        }

        var token = authorization[bearer.Length..].Trim();
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))) + "/" + @namespace;
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Decision;
        }

        CallerDecision decision;
        try
        {
            decision = await ReviewAsync(token, @namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReviewFailed(logger, @namespace, e);
            return CallerDecision.Refuse(EventBridgeErrorType.InternalException, "The token could not be checked; send the request again.");
        }

        if (cacheDuration > TimeSpan.Zero)
        {
            if (_cache.Count >= MaxCachedDecisions)
            {
                _cache.Clear();
            }

            _cache[key] = (decision, now + cacheDuration);
        }

        return decision;
    }

    private async Task<CallerDecision> ReviewAsync(string token, string ns, CancellationToken cancellationToken)
    {
        var review = await kubernetes.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (review.Status?.Authenticated != true || review.Status.User is not { Username: { Length: > 0 } username } user)
        {
            return CallerDecision.Refuse(EventBridgeErrorType.UnrecognizedClientException, "The security token included in the request is invalid.");
        }

        var access = await kubernetes.AuthorizationV1.CreateSubjectAccessReviewAsync(
            new V1SubjectAccessReview
            {
                Spec = new V1SubjectAccessReviewSpec
                {
                    User = username,
                    Uid = user.Uid,
                    Groups = user.Groups,
                    Extra = user.Extra,
                    ResourceAttributes = new V1ResourceAttributes
                    {
                        NamespaceProperty = ns,
                        Verb = Verb,
                        Group = EcsApi.Group,
                        Resource = EcsEventRule.Plural,
                        Subresource = Subresource,
                    },
                },
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (access.Status?.Allowed != true)
        {
            LogDenied(logger, username, ns);
            return CallerDecision.Refuse(
                EventBridgeErrorType.AccessDeniedException,
                $"User {username} is not authorized to perform: {Verb} {EcsEventRule.Plural}/{Subresource} in namespace {ns}.",
                username);
        }

        return CallerDecision.Allow(username);
    }

    [LoggerMessage(EventId = 8120, Level = LogLevel.Information, Message = "{User} may not post events to namespace {Namespace}")]
    private static partial void LogDenied(ILogger logger, string user, string @namespace);

    [LoggerMessage(EventId = 8121, Level = LogLevel.Warning, Message = "Could not review the token of an events request to namespace {Namespace}")]
    private static partial void LogReviewFailed(ILogger logger, string @namespace, Exception exception);
}
