namespace EcsOnK8s.IntegrationTests.Runtime;

/// <summary>
/// Sits in a test client's HTTP pipeline and breaks watches on demand: cuts the open ones (their streams fail as a
/// dropped connection does) and refuses new ones while blocked.
/// </summary>
internal sealed class WatchChaosHandler : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly List<CancellationTokenSource> _open = [];

    public bool Blocked { get; set; }

    public int WatchesStarted { get; private set; }

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
        if (request.RequestUri is not { } uri || !uri.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (Blocked)
        {
            throw new HttpRequestException("watch refused (test)");
        }

        var cut = new CancellationTokenSource();
        lock (_lock)
        {
            _open.Add(cut);
            WatchesStarted++;
        }

        var response = await base.SendAsync(request, cancellationToken);
        var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
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
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cut);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token);
            }
            catch (OperationCanceledException) when (cut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException("connection cut (test)");
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
