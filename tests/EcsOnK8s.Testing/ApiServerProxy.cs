using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace EcsOnK8s.Testing;

/// <summary>
/// An HTTP proxy between one operator process and kube-apiserver, for the reliability suite: the operator's kubeconfig
/// points at it (plain HTTP on 127.0.0.1, no credentials; the proxy talks to the API server as the fixture's admin).
/// It sees every request from the API server's side of the operator, so the operator stays unmodified: it numbers the
/// mutating ones (POST, PUT, PATCH, DELETE) in the order their responses arrive, can crash the operator at the k-th,
/// cut the open watches, refuse new ones, and record when each write was answered.
/// </summary>
public sealed class ApiServerProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _upstream;
    private readonly string _destination;
    private readonly IHttpForwarder _forwarder;
    private readonly ConcurrentDictionary<HttpContext, byte> _watches = new();
    private readonly ConcurrentQueue<ProxiedWrite> _writes = new();
    private readonly Lock _lock = new();
    private readonly ForwarderRequestConfig _requestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(30) };
    private const string UidPreconditionKey = "uid-precondition";
    private long _writeCount;
    private int _watchesStarted;
    private CrashPlan? _plan;
    private volatile bool _refusing;

    private ApiServerProxy(WebApplication app, HttpMessageInvoker upstream, string destination)
    {
        _app = app;
        _upstream = upstream;
        _destination = destination;
        _forwarder = app.Services.GetRequiredService<IHttpForwarder>();
    }

    /// <summary>http://127.0.0.1:PORT.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Mutating requests answered by the API server so far (whatever their status).</summary>
    public long WriteCount => Interlocked.Read(ref _writeCount);

    /// <summary>Every mutating request answered by the API server, in order.</summary>
    public IReadOnlyList<ProxiedWrite> Writes => [.. _writes];

    /// <summary>Watches the operator opened through the proxy.</summary>
    public int WatchesStarted => Volatile.Read(ref _watchesStarted);

    /// <summary>While true, a new watch is answered 503 (as an API server that is going away), so the informer retries.</summary>
    public bool BlockWatches { get; set; }

    /// <summary>While set, a GET that is not a watch and whose path it matches is answered 503, so the informer retries its list.</summary>
    public Func<string, bool>? BlockReads { get; set; }

    /// <summary>
    /// Starts a proxy to the API server of <paramref name="upstream"/> (its client certificate and CA are used for
    /// the upstream connection).
    /// </summary>
    public static async Task<ApiServerProxy> StartAsync(KubernetesClientConfiguration upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = ClientCertificate(upstream) is { } certificate ? [certificate] : null,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, upstream.SslCaCerts),
            },
        };

        var proxy = new ApiServerProxy(app, new HttpMessageInvoker(handler), upstream.Host.TrimEnd('/'));
        app.Run(proxy.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return proxy;
    }

    /// <summary>Writes a kubeconfig that points at the proxy (no credentials: the proxy adds its own upstream).</summary>
    public Task WriteKubeconfigAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: proxy
              cluster:
                server: {Address.ToString().TrimEnd('/')}
            users:
            - name: proxy
              user:
                # A placeholder the client insists on; the proxy drops it and authenticates upstream itself.
                token: proxy
            contexts:
            - name: proxy
              context:
                cluster: proxy
                user: proxy
                namespace: default
            current-context: proxy

            """, cancellationToken);

    /// <summary>
    /// Arms a crash: once the <paramref name="afterWrites"/>-th mutating request from now has been answered by the API
    /// server, the proxy stops forwarding anything (in-flight requests are cut, new ones refused) and runs
    /// <paramref name="crash"/> (a SIGKILL of the operator). <paramref name="point"/> says whether the operator got
    /// to read that answer first. The returned task completes when the crash ran.
    /// </summary>
    public Task ArmCrash(int afterWrites, CrashPoint point, Func<Task> crash) => ArmCrash(afterWrites, point, crash, counts: null);

    /// <summary>As <see cref="ArmCrash(int, CrashPoint, Func{Task})"/>, counting only the writes whose path <paramref name="counts"/> accepts (one namespace's, say).</summary>
    public Task ArmCrash(int afterWrites, CrashPoint point, Func<Task> crash, Func<string, bool>? counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(afterWrites, 1);
        ArgumentNullException.ThrowIfNull(crash);
        lock (_lock)
        {
            _plan = new CrashPlan(afterWrites, point, crash, counts);
            return _plan.Done.Task;
        }
    }

    /// <summary>
    /// Forgets an armed crash that has not been triggered (so a late write cannot trigger it); true when it had been
    /// triggered (the crash runs or ran: wait for the task <see cref="ArmCrash(int, CrashPoint, Func{Task})"/> returned).
    /// </summary>
    public bool Disarm()
    {
        lock (_lock)
        {
            var triggered = _plan?.Triggered == true;
            if (!triggered)
            {
                _plan = null;
            }

            return triggered;
        }
    }

    /// <summary>Forwards again (after a crash, for the restarted operator) and forgets an armed crash that did not happen.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _plan = null;
            _refusing = false;
        }
    }

    /// <summary>Cuts every open watch (the operator sees a dropped connection); returns how many.</summary>
    public int CutWatches()
    {
        var cut = new List<string>();
        foreach (var context in _watches.Keys)
        {
            if (_watches.TryRemove(context, out _))
            {
                cut.Add(context.Request.Path.Value ?? string.Empty);
                context.Abort();
            }
        }

        LastCut = cut;
        return cut.Count;
    }

    /// <summary>The paths of the watches the last <see cref="CutWatches"/> cut.</summary>
    public IReadOnlyList<string> LastCut { get; private set; } = [];

    /// <summary>The paths of the watches open now.</summary>
    public IReadOnlyList<string> OpenWatches => [.. _watches.Keys.Select(c => c.Request.Path.Value ?? string.Empty)];

    public async ValueTask DisposeAsync()
    {
        _refusing = true;
        CutWatches();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }

    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration config)
    {
        var certificate = config.ClientCertificateData is { } data
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : config.ClientCertificateFilePath is { } certificatePath ? File.ReadAllText(certificatePath) : null;
        var key = config.ClientCertificateKeyData is { } keyData
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(keyData))
            : config.ClientKeyFilePath is { } keyPath ? File.ReadAllText(keyPath) : null;
        if (certificate is null || key is null)
        {
            return null;
        }

        // Through PKCS#12: SslStream wants a key it can hand to the platform, not an ephemeral PEM import.
        using var pem = X509Certificate2.CreateFromPem(certificate, key);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Whether a DELETE's body (DeleteOptions) names the UID the object must still have.</summary>
    private static async Task<bool> HasUidPreconditionAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            return body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && body.RootElement.TryGetProperty("preconditions", out var preconditions)
                && preconditions.ValueKind == System.Text.Json.JsonValueKind.Object
                && preconditions.TryGetProperty("uid", out var uid)
                && uid.GetString() is { Length: > 0 };
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || authorities is null || authorities.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        using var leaf = new X509Certificate2(certificate);
        // The API server's serving certificate names 127.0.0.1; only the chain is left to check.
        return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && chain.Build(leaf);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_refusing)
        {
            context.Abort();
            return;
        }

        var method = context.Request.Method;
        var watch = context.Request.Query["watch"] is { Count: > 0 } w && (w[0] is "true" or "1");
        if (watch)
        {
            if (BlockWatches)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            Interlocked.Increment(ref _watchesStarted);
            _watches[context] = 0;
        }
        else if (HttpMethods.IsGet(method) && BlockReads is { } blocked && blocked(context.Request.Path.Value ?? string.Empty))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            context.Items[UidPreconditionKey] = await HasUidPreconditionAsync(context.Request).ConfigureAwait(false);
        }

        try
        {
            var transformer = IsMutating(method) ? new WriteTransformer(this) : watch ? new WatchTransformer() : new Transformer();
            await _forwarder.SendAsync(context, _destination, _upstream, _requestConfig, transformer).ConfigureAwait(false);
            if (transformer is WriteTransformer { CrashAfterResponse: { } crash })
            {
                await RunCrashAsync(crash).ConfigureAwait(false);
            }
        }
        finally
        {
            if (watch)
            {
                _watches.TryRemove(context, out _);
            }
        }
    }

    /// <summary>Counts one answered write; the crash plan it triggers, if any (refusing everything from here on).</summary>
    private CrashPlan? Answered(HttpContext context, int status)
    {
        var sequence = Interlocked.Increment(ref _writeCount);
        var path = context.Request.Path + context.Request.QueryString;
        _writes.Enqueue(new ProxiedWrite(sequence, DateTimeOffset.UtcNow, context.Request.Method, path, status)
        {
            UidPrecondition = context.Items.TryGetValue(UidPreconditionKey, out var uid) && uid is true,
        });
        lock (_lock)
        {
            if (_plan is { Triggered: false } plan && (plan.Counts is null || plan.Counts(path)) && ++plan.Seen >= plan.AtWrite)
            {
                plan.Triggered = true;
                _refusing = true;
                return plan;
            }
        }

        return null;
    }

    private async Task RunCrashAsync(CrashPlan plan)
    {
        CutWatches();
        try
        {
            await plan.Crash().ConfigureAwait(false);
            plan.Done.TrySetResult();
        }
#pragma warning disable CA1031 // the test waiting on Done gets the failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            plan.Done.TrySetException(e);
        }
    }

    private sealed class CrashPlan(long atWrite, CrashPoint point, Func<Task> crash, Func<string, bool>? counts)
    {
        public long AtWrite { get; } = atWrite;

        public Func<string, bool>? Counts { get; } = counts;

        /// <summary>Counted writes answered since the plan was armed.</summary>
        public long Seen { get; set; }

        public CrashPoint Point { get; } = point;

        public Func<Task> Crash { get; } = crash;

        public bool Triggered { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Drops the placeholder credentials of the operator's kubeconfig: the upstream client certificate speaks for it.</summary>
    private class Transformer : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
            proxyRequest.Headers.Authorization = null;
        }
    }

    /// <summary>
    /// Sends a watch's response headers on as soon as the API server's arrive, as the API server itself does (it flushes
    /// them before the first event): the forwarder would otherwise hold them back until the first event, and a quiet
    /// watch cut by the test would look to the client like a request never answered.
    /// </summary>
    private sealed class WatchTransformer : Transformer
    {
        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            var forward = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
            if (forward && proxyResponse is not null)
            {
                await httpContext.Response.StartAsync(cancellationToken).ConfigureAwait(false);
                await httpContext.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return forward;
        }
    }

    private sealed class WriteTransformer(ApiServerProxy proxy) : Transformer
    {
        public CrashPlan? CrashAfterResponse { get; private set; }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            var forward = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
            if (proxyResponse is null)
            {
                return forward;
            }

            if (proxy._refusing)
            {
                // Answered after the crash point: the write happened, but the operator is (being) killed before it hears of it.
                proxy.Answered(httpContext, (int)proxyResponse.StatusCode);
                httpContext.Abort();
                return false;
            }

            var plan = proxy.Answered(httpContext, (int)proxyResponse.StatusCode);
            if (plan is null)
            {
                return forward;
            }

            if (plan.Point == CrashPoint.AfterResponse)
            {
                CrashAfterResponse = plan;
                return forward;
            }

            await proxy.RunCrashAsync(plan).ConfigureAwait(false);
            httpContext.Abort();
            return false;
        }
    }
}
