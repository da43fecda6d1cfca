using System.Diagnostics;
using System.Text.Json.Nodes;
using EcsOnK8s.EcsProtocol.Auth;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.EcsProtocol.Shapes;
using EcsOnK8s.Operator.Endpoints;
using EcsOnK8s.Operator.Options;
using Microsoft.AspNetCore.Http.Features;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>
/// The ECS API on its own port: <c>POST /</c> in AWS JSON 1.1. Each request is bounded in size and time, its SigV4
/// signature verified against the access key Secrets before the body is interpreted, its members checked against
/// ECS's model, then served with the key's Kubernetes identity. Each access key is held to a rate, and an address
/// whose signatures keep failing is throttled before its keys are looked up (<see cref="EndpointGuard"/> with the
/// default <see cref="EndpointLimits"/>, as the events endpoint). Every refusal is AWS's error shape; nothing a
/// client sends can end the process.
/// </summary>
public static partial class EcsApiEndpoint
{
    /// <summary>The service key of the ECS API's <see cref="EndpointGuard"/> (the events endpoint has its own).</summary>
    public const string GuardKey = "ecs-api";

    /// <summary>Serves the ECS API, and nothing else, on the binding's port.</summary>
    public static IApplicationBuilder MapEcsApiEndpoint(this IApplicationBuilder app, EcsApiEndpointBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return app.MapWhen(binding.Serves, branch => branch.Run(HandleAsync));
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EcsApiEndpoint));
        var options = services.GetRequiredService<OperatorOptions>().EcsApi;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        var operation = "?";
        JsonObject body;
        int status;
        try
        {
            (operation, body) = await RespondAsync(context, services, options, timeout.Token);
            status = StatusCodes.Status200OK;
        }
        catch (EcsApiException e)
        {
            (status, body) = (e.StatusCode, AwsJsonProtocol.ErrorBody(e.Type, e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            (status, body) = (500, AwsJsonProtocol.ErrorBody(EcsErrorType.ServerException,
                "The request took longer than " + options.RequestTimeout.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "s (is the operator running?); what it wrote stays, so repeat it or describe the resource."));
        }
        catch (BadHttpRequestException e)
        {
            (status, body) = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (413, AwsJsonProtocol.ErrorBody(EcsErrorType.RequestEntityTooLargeException, $"The request body is over {options.MaxRequestBytes} bytes."))
                : (400, AwsJsonProtocol.ErrorBody(EcsErrorType.SerializationException, "The request could not be read."));
        }
        catch (Exception e)
        {
            LogUnexpected(logger, operation, e);
            (status, body) = (500, AwsJsonProtocol.ErrorBody(EcsErrorType.ServerException, "The request could not be handled."));
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var errorType = (string?)body["__type"] ?? "-";
        LogServed(logger, operation, status, errorType, elapsed);

        context.Response.StatusCode = status;
        context.Response.ContentType = AwsJsonProtocol.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static async Task<(string Operation, JsonObject Body)> RespondAsync(
        HttpContext context, IServiceProvider services, EcsApiEndpointOptions options, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Path.Value is not ("/" or ""))
        {
            throw new EcsApiException(EcsErrorType.UnknownOperationException, "The ECS API takes POST / with X-Amz-Target.");
        }

        if (request.ContentLength > options.MaxRequestBytes)
        {
            throw new EcsApiException(EcsErrorType.RequestEntityTooLargeException, $"The request body is over {options.MaxRequestBytes} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        }

        var bytes = await ReadBoundedAsync(request.Body, options.MaxRequestBytes, cancellationToken)
            ?? throw new EcsApiException(EcsErrorType.RequestEntityTooLargeException, $"The request body is over {options.MaxRequestBytes} bytes.");

        // Who is asking comes first: an unsigned request learns nothing, not even whether its operation exists.
        var guard = services.GetRequiredKeyedService<EndpointGuard>(GuardKey);
        var admission = await guard.AdmitAsync(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown", () => CheckSignatureAsync(request, bytes, services, cancellationToken));
        var key = admission.Verdict switch
        {
            AdmissionVerdict.Admitted => admission.Outcome!.Key!,
            AdmissionVerdict.AddressThrottled => throw new EcsApiException(
                EcsErrorType.ThrottlingException, "Too many refused signatures from this address; retry later with a valid key."),
            AdmissionVerdict.Refused => throw admission.Outcome!.Refusal!,
            _ => throw new EcsApiException(
                EcsErrorType.ThrottlingException,
                $"Rate exceeded: at most {guard.Limits.RequestsPerSecond} requests per second per access key (bursts of {guard.Limits.Burst})."),
        };

        var operation = AwsJsonProtocol.OperationOf(request.Headers[AwsJsonProtocol.TargetHeader].ToString());
        var handler = EcsApiOperations.Find(operation);
        if (handler is null || !EcsModel.Instance.HasOperation(operation))
        {
            throw new EcsApiException(EcsErrorType.UnknownOperationException, $"Operation {operation} is not served by this endpoint (see docs/ecs-api.md for the operations served).");
        }

        var members = AwsJsonProtocol.ParseBody(bytes);
        EcsModel.Instance.Validate(operation, members);
        var ecs = new EcsApiContext(
            services.GetRequiredService<ImpersonatedClients>().For(key.User, key.Groups), key, services.GetRequiredService<EcsShapes>(),
            services.GetRequiredService<TimeProvider>(), cancellationToken);
        return (operation, await handler(ecs, members));
    }

    private static async Task<SignatureCheck> CheckSignatureAsync(HttpRequest request, byte[] body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var signed = new SigV4Request(
            request.Method, request.Path.Value ?? "/", request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
            [.. request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? string.Empty)))], body);
        var accessKeyId = SigV4Verifier.AccessKeyIdOf(signed.Header("Authorization"));
        var key = accessKeyId is null ? null : await services.GetRequiredService<EcsApiKeyStore>().FindAsync(accessKeyId, cancellationToken);
        try
        {
            services.GetRequiredService<SigV4Verifier>().Verify(signed, id => id == key?.AccessKeyId ? key.SecretAccessKey : null);
            return new SignatureCheck(key, null);
        }
        catch (EcsApiException e)
        {
            return new SignatureCheck(null, e);
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 8220, Level = LogLevel.Debug, Message = "ECS API {Operation}: {Status} {ErrorType} in {Milliseconds:0.0} ms")]
    private static partial void LogServed(ILogger logger, string operation, int status, string errorType, double milliseconds);

    [LoggerMessage(EventId = 8221, Level = LogLevel.Error, Message = "ECS API {Operation} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string operation, Exception exception);
}
