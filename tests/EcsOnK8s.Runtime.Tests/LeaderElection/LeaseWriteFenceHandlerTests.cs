using EcsOnK8s.Runtime.LeaderElection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

public sealed class LeaseWriteFenceHandlerTests : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly LeaseWriteFence _fence;
    private readonly CountingHandler _server = new();
    private readonly HttpMessageInvoker _client;

    public LeaseWriteFenceHandlerTests()
    {
        _fence = new LeaseWriteFence(Validity, _time);
        _client = new HttpMessageInvoker(new LeaseWriteFenceHandler(_fence) { InnerHandler = _server });
    }

    public void Dispose()
    {
        _client.Dispose();
        _fence.Dispose();
    }

    public static TheoryData<string> Writes => ["POST", "PUT", "PATCH", "DELETE"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task SendAsync_WriteAfterDeadline_RefusedAndNeverSent(string method)
    {
        _fence.Renewed(_time.GetTimestamp());
        await SendAsync(method);
        Assert.Equal(1, _server.Requests);

        _time.Advance(Validity);

        await Assert.ThrowsAsync<LeadershipLostException>(() => SendAsync(method));
        Assert.Equal(1, _server.Requests);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task SendAsync_WriteBeforeFirstAcquisition_RefusedAndNeverSent(string method)
    {
        await Assert.ThrowsAsync<LeadershipLostException>(() => SendAsync(method));

        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task SendAsync_ReadWhileClosed_Sent()
    {
        _fence.Renewed(_time.GetTimestamp());
        _time.Advance(Validity);

        await SendAsync("GET");

        Assert.Equal(1, _server.Requests);
    }

    private async Task SendAsync(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://api.test/apis/ecs.aws/v1alpha1/namespaces/a/ecsservices/b/status"));
        using var response = await _client.SendAsync(request, CancellationToken.None);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
