using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Pods;

public class KubeNamesTests
{
    [Theory]
    [InlineData("web", "web")]
    [InlineData("My_Container", "my-container")]
    [InlineData("__a__b__", "a-b")]
    [InlineData("log.router", "log-router")]
    [InlineData("", "x")]
    [InlineData("___", "x")]
    public void Sanitize_EcsNames_DnsLabels(string input, string expected)
    {
        Assert.Equal(expected, KubeNames.Sanitize(input));
        Assert.True(KubeNames.IsDnsLabel(KubeNames.Sanitize(input)));
    }

    [Fact]
    public void Sanitize_TooLong_TruncatedWithStableHash()
    {
        var a = new string('a', 100) + "-one";
        var b = new string('a', 100) + "-two";
        var sa = KubeNames.Sanitize(a);
        Assert.Equal(63, sa.Length);
        Assert.True(KubeNames.IsDnsLabel(sa));
        Assert.NotEqual(sa, KubeNames.Sanitize(b));
        Assert.Equal(sa, KubeNames.Sanitize(a));
        Assert.EndsWith("-" + KubeNames.Hash(a), sa, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http", "http")]
    [InlineData("Web_HTTP", "web-http")]
    [InlineData("a-very-long-port-name", null)]
    [InlineData("8080", null)]
    public void PortName_Names_IanaServiceNames(string input, string? expected)
    {
        var name = KubeNames.PortName(input);
        if (expected is null)
        {
            Assert.True(name is null || (name.Length <= 15 && KubeNames.IsPortName(name)));
        }
        else
        {
            Assert.Equal(expected, name);
        }
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/ecsTaskRole", "ecstaskrole")]
    [InlineData("arn:aws:iam::123456789012:role/service/My_Role", "my-role")]
    public void ServiceAccountName_RoleArn_RoleName(string arn, string expected) =>
        Assert.Equal(expected, KubeNames.ServiceAccountName(arn));

    [Theory]
    [InlineData("production", "production")]
    [InlineData("team a/b", "team-a-b")]
    [InlineData("-x-", "x")]
    [InlineData("", "")]
    public void LabelValue_Text_ValidLabelValue(string input, string expected)
    {
        Assert.Equal(expected, KubeNames.LabelValue(input));
        Assert.True(KubeNames.IsLabelValue(KubeNames.LabelValue(input)));
    }

    [Fact]
    public void NameAllocator_Collisions_Suffixed()
    {
        var allocator = new NameAllocator();
        Assert.Equal("web", allocator.Allocate("web"));
        Assert.Equal("web-2", allocator.Allocate("web"));
        Assert.Equal("web-3", allocator.Allocate("web"));
    }
}
