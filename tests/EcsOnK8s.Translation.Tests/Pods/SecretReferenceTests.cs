using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods.Secrets;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Pods;

public class SecretReferenceTests
{
    [Fact]
    public void Parse_SecretsManagerFullArn_NameWithoutRandomSuffix()
    {
        var r = SecretReference.Parse("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db_password-AbCdEf");
        Assert.Equal(SecretSource.SecretsManager, r.Source);
        Assert.Equal("prod/db_password", r.RemoteName);
        Assert.Equal("prod-db-password", r.SecretName);
        Assert.Equal("value", r.Key);
        Assert.Null(r.JsonKey);
    }

    [Fact]
    public void Parse_SecretsManagerJsonKeyStageId_KeyAndVersion()
    {
        var r = SecretReference.Parse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/creds-a1B2c3:username:AWSPREVIOUS:6aa1b2c3-0000-1111-2222-333344445555");
        Assert.Equal("app-creds", r.SecretName);
        Assert.Equal("username", r.Key);
        Assert.Equal("username", r.JsonKey);
        Assert.Equal("AWSPREVIOUS", r.VersionStage);
        Assert.Equal("6aa1b2c3-0000-1111-2222-333344445555", r.VersionId);
    }

    [Fact]
    public void Parse_SecretsManagerEmptyJsonKeyWithStage_WholeValue()
    {
        var r = SecretReference.Parse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-a1B2c3::AWSCURRENT:");
        Assert.Equal("token", r.SecretName);
        Assert.Equal("value", r.Key);
        Assert.Equal("AWSCURRENT", r.VersionStage);
        Assert.Null(r.VersionId);
    }

    [Fact]
    public void Parse_SecretsManagerPartialArn_NameKept()
    {
        var r = SecretReference.Parse("arn:aws:secretsmanager:us-east-1:123456789012:secret:mysecret");
        Assert.Equal("mysecret", r.SecretName);
    }

    [Theory]
    [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/app/prod/db-url", "/app/prod/db-url", "app-prod-db-url")]
    [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/DB_HOST", "DB_HOST", "db-host")]
    [InlineData("/app/prod/API_KEY", "/app/prod/API_KEY", "app-prod-api-key")]
    [InlineData("plain-name", "plain-name", "plain-name")]
    public void Parse_Ssm_ParameterName(string valueFrom, string remote, string secretName)
    {
        var r = SecretReference.Parse(valueFrom);
        Assert.Equal(SecretSource.ParameterStore, r.Source);
        Assert.Equal(remote, r.RemoteName);
        Assert.Equal(secretName, r.SecretName);
        Assert.Equal("value", r.Key);
        Assert.Equal(secretName, KubeNames.SecretName(valueFrom));
    }
}
