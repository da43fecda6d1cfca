using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using k8s;
using Xunit;

namespace EcsOnK8s.Api.Tests.Serialization;

public sealed class FreeFormJsonTests
{
    public sealed class Holder
    {
        public FreeFormJson? Details { get; set; }
    }

    [Theory]
    [InlineData("""{"a":1,"b":"1","c":true,"d":"true","e":null,"f":"null","g":[1.5,"x",{"h":[]}],"i":{},"j":"","k":"-3","l":-3}""")]
    [InlineData("""[1,2,"3"]""")]
    [InlineData("\"plain text: with a colon\"")]
    [InlineData("42")]
    public void YamlRoundTrip_AnyJsonValue_KeepsValueAndKinds(string json)
    {
        var holder = KubernetesJson.Deserialize<Holder>($$"""{"details":{{json}}}""");

        var fromYaml = KubernetesYaml.Deserialize<Holder>(KubernetesYaml.Serialize(holder));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), fromYaml.Details?.Value), KubernetesJson.Serialize(fromYaml));
    }

    [Fact]
    public void Deserialize_Yaml_PlainScalarsBecomeJsonKinds()
    {
        var holder = KubernetesYaml.Deserialize<Holder>("details:\n  count: 3\n  enabled: true\n  name: web\n  quoted: \"3\"\n");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"count":3,"enabled":true,"name":"web","quoted":"3"}"""), holder.Details?.Value));
    }
}
