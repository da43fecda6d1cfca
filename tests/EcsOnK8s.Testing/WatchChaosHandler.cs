namespace EcsOnK8s.Testing;

/// <summary>
/// Sits in a client's HTTP pipeline and breaks watches on demand, for tests and benchmarks of reconnection: cuts the
/// open ones (their streams fail as a dropped connection does) and refuses new ones while blocked.
/// </summary>
public sealed class WatchChaosHandler : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly List<CancellationTokenSource> _open = [];

    public int WatchesStarted { get; private set; }

    /// <summary>While true, a new watch fails as a refused connection does.</summary>
    public bool Blocked { get; set; }

    /// <summary>
    /// While true, a new watch is answered 410 Gone, as the API server answers a watch from a resourceVersion its
    /// watch cache and etcd have moved past: the client must list again.
    /// </summary>
    public bool Expired { get; set; }

    public void CutAll()
    {
        List<CancellationTokenSource> open;
        lock (_lock)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var cut in open)
        {
            cut.Cancel();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) != true)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (Blocked)
        {
            throw new HttpRequestException("watch refused (chaos)");
        }

        if (Expired)
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.Gone)
            {
                RequestMessage = request,
                Content = new StringContent(
                    """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version (chaos)","reason":"Expired","code":410}""",
                    System.Text.Encoding.UTF8,
                    "application/json"),
            };
        }

        var cut = new CancellationTokenSource();
        lock (_lock)
        {
            _open.Add(cut);
            WatchesStarted++;
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        response.Content = new StreamContent(new CuttableStream(inner, cut.Token));
        return response;
    }

    private sealed class CuttableStream(Stream inner, CancellationToken cut) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cut);
                return await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (cut.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
            {
                throw new IOException("connection cut (chaos)");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
