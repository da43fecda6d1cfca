using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Input;
using k8s;
using k8s.Autorest;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Delivers to <c>http</c> targets: one POST of the event as a structured CloudEvent (<see cref="CloudEventMessage"/>)
/// with the target's headers and, when it names a signing Secret, the body's HMAC-SHA256 in
/// <see cref="CloudEventMessage.SignatureHeader"/>. 2xx is delivered; 408, 429, 5xx, timeouts and connection errors
/// are retried; any other status is a permanent failure. The signing key is read from the rule's namespace only, kept
/// in memory for a minute and never logged or written anywhere.
/// </summary>
public sealed class HttpTargetInvoker : IEventTargetInvoker, IDisposable
{
    private static readonly TimeSpan s_keyLifetime = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http;
    private readonly IKubernetes? _kubernetes;
    private readonly EventDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Namespace, string Name, string Key), (byte[]? Key, DateTimeOffset Read)> _keys = new();
    private readonly ConcurrentDictionary<(string RuleUid, long? Generation, string TargetId), TargetInput?> _inputs = new();

    /// <param name="kubernetes">Reads signing Secrets; without it a target that names one fails.</param>
    /// <param name="options">The HTTP timeout and the events' region and account.</param>
    /// <param name="time">Clock of the key cache.</param>
    /// <param name="handler">The HTTP handler (tests); a SocketsHttpHandler without redirects when null.</param>
    public HttpTargetInvoker(IKubernetes? kubernetes, EventDeliveryOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _kubernetes = kubernetes;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = options.HttpTimeout,
        };
    }

    public bool Handles(EventRuleTarget target) => target?.Http is not null;

    public async Task<TargetOutcome> InvokeAsync(TargetInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var http = invocation.Target.Http!;
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return TargetOutcome.Fail("url: not an absolute http or https URL");
        }

        if (_inputs.Count > 10_000)
        {
            // Keyed by generation: old generations of edited rules would otherwise pile up.
            _inputs.Clear();
        }

        var input = _inputs.GetOrAdd(
            (invocation.Rule.Metadata.Uid, invocation.Rule.Metadata.Generation, invocation.Target.Id ?? string.Empty),
            _ => TargetInput.Compile(http.Input, http.InputPath, http.InputTransformer, "http", new List<InputError>()));
        if (input is null)
        {
            return TargetOutcome.Fail("the target's input does not compile");
        }

        TargetPayload? payload = null;
        if (input.Kind != TargetInputKind.MatchedEvent)
        {
            var context = InputContext.For(_options.Settings, invocation.Rule.Metadata.NamespaceProperty, invocation.Rule.Metadata.Name, invocation.Event.Time);
            payload = input.Render(invocation.EventJson, context);
        }

        var (body, contentType) = CloudEventMessage.Encode(invocation.Event, payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in http.Headers ?? [])
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals(CloudEventMessage.SignatureHeader, StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (http.SigningSecretRef is { } secretRef)
        {
            var (key, problem) = await SigningKeyAsync(invocation.Rule.Metadata.NamespaceProperty, secretRef, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                return TargetOutcome.Retry(problem!);
            }

            request.Headers.TryAddWithoutValidation(CloudEventMessage.SignatureHeader, CloudEventMessage.Sign(key, body.Span));
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code switch
            {
                >= 200 and < 300 => TargetOutcome.Delivered,
                408 or 429 or >= 500 => TargetOutcome.Retry($"HTTP {code} from {url.Host}"),
                _ => TargetOutcome.Fail($"HTTP {code} from {url.Host}"),
            };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TargetOutcome.Retry($"no answer from {url.Host} within {_options.HttpTimeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException e)
        {
            return TargetOutcome.Retry($"cannot reach {url.Host}: {e.HttpRequestError}");
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<(byte[]? Key, string? Problem)> SigningKeyAsync(string @namespace, SecretKeyReference reference, CancellationToken cancellationToken)
    {
        var what = $"signingSecretRef {reference.Name}/{reference.Key}";
        if (string.IsNullOrEmpty(reference.Name) || string.IsNullOrEmpty(reference.Key))
        {
            return (null, $"{what}: name and key are both required");
        }

        var cacheKey = (@namespace, reference.Name, reference.Key);
        var now = _time.GetUtcNow();
        if (_keys.TryGetValue(cacheKey, out var cached) && now - cached.Read < s_keyLifetime && cached.Key is not null)
        {
            return (cached.Key, null);
        }

        if (_kubernetes is null)
        {
            return (null, $"{what}: this operator cannot read Secrets");
        }

        try
        {
            var secret = await _kubernetes.CoreV1.ReadNamespacedSecretAsync(reference.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (secret.Data?.TryGetValue(reference.Key, out var value) == true)
            {
                _keys[cacheKey] = (value, now);
                return (value, null);
            }

            if (secret.StringData?.TryGetValue(reference.Key, out var text) == true)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                _keys[cacheKey] = (bytes, now);
                return (bytes, null);
            }

            return (null, $"{what}: the Secret has no such key");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, $"{what}: the Secret does not exist in namespace {@namespace}");
        }
        catch (HttpOperationException e)
        {
            return (null, $"{what}: reading the Secret failed (HTTP {(int)e.Response.StatusCode})");
        }
    }
}
