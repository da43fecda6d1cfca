using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Controllers.Events.Ingest;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Operator.Endpoints;
using EcsOnK8s.Translation.Naming;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using MinDataRate = Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate;

namespace EcsOnK8s.Operator.Events;

/// <summary>
/// The events endpoint's routes, on its own port: <c>POST /namespaces/{namespace}/putevents</c> (EventBridge's
/// PutEvents request) and <c>POST /namespaces/{namespace}/cloudevents</c> (CloudEvents, structured, batch or binary
/// mode). The namespace stands for EventBridge's event bus. The caller is authorised before the body is read; the
/// body is bounded in size and time while it is read; each identity is held to a rate (<see cref="EndpointGuard"/>);
/// every refusal is EventBridge's error shape.
/// </summary>
public static partial class EventsEndpoint
{
    public const string PutEventsOperation = "putevents";
    public const string CloudEventsOperation = "cloudevents";

    /// <summary>Serves the events routes, and nothing else, on the binding's port.</summary>
    public static IApplicationBuilder MapEventsEndpoint(this IApplicationBuilder app, EventsEndpointBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return app.MapWhen(binding.Serves, branch => branch.Run(HandleAsync));
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventsEndpoint));
        IngestResponse response;
        try
        {
            response = await RespondAsync(context, services, logger);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (BodyTimeoutException)
        {
            response = BodyTooSlow(services.GetRequiredService<EndpointGuard>().Limits);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while reading (a body over the limit, a client too slow).
            response = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => TooLarge(),
                StatusCodes.Status408RequestTimeout => BodyTooSlow(services.GetRequiredService<EndpointGuard>().Limits),
                _ => IngestResponse.Error(EventBridgeErrorType.ValidationException, $"The request could not be read: {e.Message}"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parsers answer every input they know to be bad; this is for what they did not foresee.
            LogUnexpected(logger, e);
            response = IngestResponse.Error(EventBridgeErrorType.InternalException, "The request could not be handled.");
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.ErrorType == EventBridgeErrorType.ThrottlingException)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.ContentType = IngestResponse.ContentType;
        await context.Response.WriteAsync(response.Body.ToJsonString(), context.RequestAborted);
    }

    private static async Task<IngestResponse> RespondAsync(HttpContext context, IServiceProvider services, ILogger logger)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        if (segments is not ["namespaces", var ns, var operation] || operation is not (PutEventsOperation or CloudEventsOperation))
        {
            return IngestResponse.Error(
                EventBridgeErrorType.UnknownOperationException,
                $"No such operation: POST /namespaces/NAMESPACE/{PutEventsOperation} or /namespaces/NAMESPACE/{CloudEventsOperation}.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return IngestResponse.Error(EventBridgeErrorType.UnknownOperationException, $"{operation} takes POST, not {request.Method}.");
        }

        if (!KubeNames.IsDnsLabel(ns))
        {
            return IngestResponse.Error(EventBridgeErrorType.ValidationException, "The namespace in the path is not a valid namespace name.");
        }

        var guard = services.GetRequiredService<EndpointGuard>();
        var authorizer = services.GetRequiredService<EventCallerAuthorizer>();
        var admission = await guard.AdmitAsync(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            () => authorizer.AuthorizeAsync(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ns, context.RequestAborted));
        switch (admission.Verdict)
        {
            case AdmissionVerdict.AddressThrottled:
                return IngestResponse.Error(
                    EventBridgeErrorType.ThrottlingException, "Too many refused authentications from this address; retry later with a valid token.");
            case AdmissionVerdict.Refused:
                return IngestResponse.Error(admission.Outcome!.Refusal!.Value, admission.Outcome.Message!);
            case AdmissionVerdict.CallerThrottled:
                return IngestResponse.Error(
                    EventBridgeErrorType.ThrottlingException,
                    $"Rate exceeded for {admission.Outcome!.User}: at most {guard.Limits.RequestsPerSecond} requests per second (bursts of {guard.Limits.Burst}).");
        }

        if (request.ContentLength > IngestLimits.MaxRequestBytes)
        {
            return TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = IngestLimits.MaxRequestBytes;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = new MinDataRate(guard.Limits.MinBodyBytesPerSecond, guard.Limits.MinBodyRateGrace);
        }

        var body = await ReadBoundedAsync(request.Body, guard.Limits.BodyTimeout, context.RequestAborted);
        if (body is null)
        {
            return TooLarge();
        }

        if (services.GetService<IEventBus>() is not { } bus)
        {
            LogNoBus(logger);
            return IngestResponse.Error(EventBridgeErrorType.InternalException, "The operator has no event delivery configured.");
        }

        var ingestor = new EventIngestor(
            bus, services.GetService<EcsEventSettings>() ?? EcsEventSettings.Default, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<EventIngestor>>());
        return operation == PutEventsOperation
            ? await ingestor.PutEventsAsync(ns, body, context.RequestAborted)
            : await ingestor.CloudEventsAsync(
                ns, request.ContentType, request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())), body, context.RequestAborted);
    }

    /// <summary>The body, or null when it is longer than <see cref="IngestLimits.MaxRequestBytes"/> (the rest is not read).</summary>
    /// <exception cref="BodyTimeoutException">The whole body took longer than <paramref name="timeout"/>.</exception>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > IngestLimits.MaxRequestBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BodyTimeoutException();
        }

        return buffer.ToArray();
    }

    private static IngestResponse BodyTooSlow(EndpointLimits limits) => IngestResponse.Error(
        EventBridgeErrorType.RequestTimeoutException,
        $"The request body came too slowly: send it within {limits.BodyTimeout.TotalSeconds:0} s, at least {limits.MinBodyBytesPerSecond:0} bytes per second.");

    private static IngestResponse TooLarge() => IngestResponse.Error(
        EventBridgeErrorType.RequestEntityTooLargeException,
        $"The request body is over {IngestLimits.MaxRequestBytes} bytes; send at most {IngestLimits.MaxEntries} entries of at most {IngestLimits.MaxEntryBytes} bytes each.");

    [LoggerMessage(EventId = 8141, Level = LogLevel.Error, Message = "An events request failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8140, Level = LogLevel.Error, Message = "An event was posted but no IEventBus is registered: the EcsEventRule dispatcher is missing")]
    private static partial void LogNoBus(ILogger logger);
}
