using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.EcsProtocol.Protocol;

namespace EcsOnK8s.EcsProtocol.Tests.Protocol;

public sealed class EcsModelTests
{
    [Theory]
    [InlineData("DescribeServices", "{\"cluster\":\"default\",\"services\":\"web\"}", EcsErrorType.SerializationException, "Member 'services': expected a list, got a string")]
    [InlineData("UpdateService", "{\"service\":\"web\",\"desiredCount\":\"three\"}", EcsErrorType.SerializationException, "Member 'desiredCount': expected an integer, got a string")]
    [InlineData("UpdateService", "{\"service\":\"web\",\"desiredCount\":1.5}", EcsErrorType.SerializationException, "Member 'desiredCount': expected an integer")]
    [InlineData("UpdateService", "{\"service\":\"web\",\"forceNewDeployment\":\"yes\"}", EcsErrorType.SerializationException, "Member 'forceNewDeployment': expected true or false")]
    [InlineData("RegisterTaskDefinition", "{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"app\",\"cpu\":\"x\"}]}", EcsErrorType.SerializationException, "Member 'containerDefinitions[0].cpu': expected an integer")]
    [InlineData("RegisterTaskDefinition", "{\"family\":\"web\"}", EcsErrorType.InvalidParameterException, "Member 'containerDefinitions': a required member is missing")]
    [InlineData("DescribeServices", "{\"cluster\":\"default\"}", EcsErrorType.InvalidParameterException, "Member 'services': a required member is missing")]
    [InlineData("TagResource", "{\"resourceArn\":\"a\",\"tags\":[{\"key\":1}]}", EcsErrorType.SerializationException, "Member 'tags[0].key': expected a string, got a number")]
    public void Validate_BadRequest_AwsErrorNamingTheMember(string operation, string body, EcsErrorType type, string message)
    {
        var request = AwsJsonProtocol.ParseBody(Encoding.UTF8.GetBytes(body));
        var e = Assert.Throws<EcsApiException>(() => EcsModel.Instance.Validate(operation, request));
        Assert.Equal(type, e.Type);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DescribeServices", "{\"cluster\":\"default\",\"services\":[\"web\"],\"include\":[\"TAGS\"],\"unknownMember\":{}}")]
    [InlineData("RegisterTaskDefinition", "{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"nginx\",\"cpu\":10,\"environment\":[{\"name\":\"A\",\"value\":\"1\"}]}],\"cpu\":\"256\"}")]
    [InlineData("ListServices", "")]
    public void Validate_GoodRequest_Accepted(string operation, string body) =>
        EcsModel.Instance.Validate(operation, AwsJsonProtocol.ParseBody(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("{", EcsErrorType.SerializationException)]
    [InlineData("[1]", EcsErrorType.SerializationException)]
    [InlineData("\"text\"", EcsErrorType.SerializationException)]
    public void ParseBody_NotAnObject_SerializationException(string body, EcsErrorType type) =>
        Assert.Equal(type, Assert.Throws<EcsApiException>(() => AwsJsonProtocol.ParseBody(Encoding.UTF8.GetBytes(body))).Type);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AmazonEC2ContainerServiceV20141113.")]
    [InlineData("DynamoDB_20120810.ListTables")]
    public void OperationOf_NoEcsTarget_UnknownOperation(string? target) =>
        Assert.Equal(EcsErrorType.UnknownOperationException, Assert.Throws<EcsApiException>(() => AwsJsonProtocol.OperationOf(target)).Type);

    [Fact]
    public void OperationOf_EcsTarget_TheOperation() =>
        Assert.Equal("DescribeServices", AwsJsonProtocol.OperationOf("AmazonEC2ContainerServiceV20141113.DescribeServices"));

    [Fact]
    public void Project_UnknownMembers_RemovedAtEveryLevel()
    {
        var node = JsonNode.Parse("""{"serviceName":"web","autoScaling":{},"deployments":[{"id":"d","ours":1}],"deploymentConfiguration":{"maximumPercent":200,"x":1}}""")!;
        EcsModel.Instance.Project(node, "Service");
        Assert.Equal("""{"serviceName":"web","deployments":[{"id":"d"}],"deploymentConfiguration":{"maximumPercent":200}}""", node.ToJsonString());
    }

    [Fact]
    public void Model_ServedOperations_AllPresentWithStructureShapes()
    {
        Assert.Equal(22, EcsModel.Instance.Operations.Count);
        foreach (var operation in EcsModel.Instance.Operations)
        {
            Assert.Equal("structure", EcsModel.Instance.TypeOf(EcsModel.Instance.InputShape(operation)));
            Assert.Equal("structure", EcsModel.Instance.TypeOf(EcsModel.Instance.OutputShape(operation)));
        }
    }

    [Fact]
    public void StatusOf_ErrorTypes_AwsStatuses()
    {
        Assert.Equal(400, AwsJsonProtocol.StatusOf(EcsErrorType.ClusterNotFoundException));
        Assert.Equal(400, AwsJsonProtocol.StatusOf(EcsErrorType.AccessDeniedException));
        Assert.Equal(403, AwsJsonProtocol.StatusOf(EcsErrorType.InvalidSignatureException));
        Assert.Equal(403, AwsJsonProtocol.StatusOf(EcsErrorType.UnrecognizedClientException));
        Assert.Equal(500, AwsJsonProtocol.StatusOf(EcsErrorType.ServerException));
        Assert.Equal("""{"__type":"ServiceNotFoundException","message":"m"}""", AwsJsonProtocol.ErrorBody(EcsErrorType.ServiceNotFoundException, "m").ToJsonString());
    }
}
