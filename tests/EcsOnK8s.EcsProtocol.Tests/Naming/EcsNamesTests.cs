using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.EcsProtocol.Tests.Naming;

public sealed class EcsNamesTests
{
    private static readonly EcsNames Names = new(new EcsArns(new EcsEventSettings { Region = "eu-west-1", Account = "123456789012" }));

    [Theory]
    [InlineData(null, "default")]
    [InlineData("prod", "prod")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "prod")]
    public void Cluster_NameOrArn_TheName(string? value, string expected) => Assert.Equal(expected, Names.Cluster(value));

    [Theory]
    [InlineData("Prod_1")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod")]
    [InlineData("arn:aws:ecs:eu-west-1:999999999999:cluster/prod")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:service/prod/web")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:cluster/")]
    public void Cluster_Refused_InvalidParameterNamingTheMember(string value)
    {
        var e = Assert.Throws<EcsApiException>(() => Names.Cluster(value));
        Assert.Equal(EcsErrorType.InvalidParameterException, e.Type);
        Assert.StartsWith("cluster: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web", "prod", "web")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:service/prod/web", "prod", "web")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:service/web", "prod", "web")]
    public void Service_NameOrArn_TheName(string value, string cluster, string expected) => Assert.Equal(expected, Names.Service(value, cluster));

    [Fact]
    public void Service_ArnOfAnotherCluster_Refused() =>
        Assert.Equal(EcsErrorType.InvalidParameterException, Assert.Throws<EcsApiException>(() => Names.Service("arn:aws:ecs:eu-west-1:123456789012:service/other/web", "prod")).Type);

    [Theory]
    [InlineData("web", "web", null)]
    [InlineData("web_app-2:14", "web_app-2", 14)]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3", "web", 3)]
    public void TaskDefinition_Forms_FamilyAndRevision(string value, string family, int? revision) =>
        Assert.Equal((family, revision), Names.TaskDefinition(value));

    [Theory]
    [InlineData("web:0")]
    [InlineData("web:x")]
    [InlineData("we b")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:cluster/web")]
    public void TaskDefinition_Refused(string value) =>
        Assert.Equal(EcsErrorType.InvalidParameterException, Assert.Throws<EcsApiException>(() => Names.TaskDefinition(value)).Type);

    [Fact]
    public void TaskId_IdOrArn_TheIdRoundTrips()
    {
        var uid = "0b5d2f6e-8d1c-4a57-9d0a-2f9e3c1b7a64";
        var arn = Names.Arns.Task("prod", uid);
        Assert.Equal(EcsArns.TaskId(uid), Names.TaskId(arn));
        Assert.Equal(EcsArns.TaskId(uid), Names.TaskId(EcsArns.TaskId(uid)));
        Assert.Equal(EcsErrorType.InvalidParameterException, Assert.Throws<EcsApiException>(() => Names.TaskId("nope")).Type);
    }
}
