using System.Net;
using EcsOnK8s.Runtime.Kube;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests;

public sealed class KubernetesApiExceptionTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public void IsRefused_StatusCodes_OnlyWhatTheSameRequestCannotFix(HttpStatusCode code, bool refused)
    {
        Assert.Equal(refused, new KubernetesApiException(code, null, "PATCH x: refused").IsRefused);
    }

    [Fact]
    public void ServerMessage_StatusMessage_PreferredOverTheRequestLine()
    {
        var withStatus = new KubernetesApiException(HttpStatusCode.UnprocessableEntity, new V1Status { Message = "spec.x: Invalid value" }, "PATCH /apis/x: 422: spec.x: Invalid value");
        var without = new KubernetesApiException(HttpStatusCode.BadRequest, null, "PATCH /apis/x: 400: bad");

        Assert.Equal("spec.x: Invalid value", withStatus.ServerMessage);
        Assert.Equal("PATCH /apis/x: 400: bad", without.ServerMessage);
    }
}
