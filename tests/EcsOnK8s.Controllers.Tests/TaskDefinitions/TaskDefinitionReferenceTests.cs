using EcsOnK8s.Controllers.Common;

namespace EcsOnK8s.Controllers.Tests.TaskDefinitions;

public class TaskDefinitionReferenceTests
{
    [Theory]
    [InlineData("web", "web", null)]
    [InlineData("web:3", "web", 3)]
    [InlineData("my_app-2:17", "my_app-2", 17)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web:42", "web", 42)]
    public void Parse_ValidReference_GivesFamilyAndRevision(string text, string family, int? revision)
    {
        var reference = TaskDefinitionReference.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new TaskDefinitionReference(family, revision), reference);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("web:0", "revision '0'")]
    [InlineData("web:latest", "revision 'latest'")]
    [InlineData("we b", "family 'we b'")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/web", "not a task definition ARN")]
    public void Parse_MalformedReference_ExplainsWhy(string text, string reason)
    {
        var reference = TaskDefinitionReference.Parse(text, out var error);

        Assert.Null(reference);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
