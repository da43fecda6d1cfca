using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>
/// A local HTTP target on 127.0.0.1: records every request (headers and body) and answers with <see cref="Status"/>.
/// It can go down (stop listening: connections are refused) and come back on the same port.
/// </summary>
internal sealed class EventReceiver : IDisposable
{
    private readonly int _port = LoopbackPort.Free();
    private HttpListener? _listener;
    private Task? _loop;

    public EventReceiver() => Start();

    public string Url => $"http://127.0.0.1:{_port}/hook/";

    /// <summary>The status code answered from now on.</summary>
    public int Status { get; set; } = 200;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The requests answered with 2xx.</summary>
    public IReadOnlyList<Received> Accepted => [.. Requests.Where(r => r.Status is >= 200 and < 300)];

    public Received? FirstAccepted => Requests.FirstOrDefault(r => r.Status is >= 200 and < 300);

    public void Start()
    {
        var listener = new HttpListener();
        listener.Prefixes.Add(Url);
        listener.Start();
        _listener = listener;
        _loop = Task.Run(() => ServeAsync(listener));
    }

    public void Stop()
    {
        _listener?.Stop();
        _listener?.Close();
        _loop?.Wait(TimeSpan.FromSeconds(5));
        _listener = null;
    }

    public void Dispose() => Stop();

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = Status;
            Requests.Enqueue(new Received(
                context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
                context.Request.ContentType,
                body.ToArray(),
                status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    internal sealed record Received(IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body, int Status)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Id => Json.GetProperty("id").GetString()!;

        /// <summary>Whether the signature header is the HMAC-SHA256 of the exact body with <paramref name="key"/>, checked independently of the operator's code.</summary>
        public bool SignedWith(string key) =>
            Headers.TryGetValue(CloudEventMessage.SignatureHeader, out var signature)
            && signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Body));
    }
}
