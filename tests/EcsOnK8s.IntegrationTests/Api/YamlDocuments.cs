using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EcsOnK8s.IntegrationTests.Api;

/// <summary>Reads every document of a YAML stream as plain JSON, keeping numbers, booleans and strings apart.</summary>
internal static class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Read(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        List<JsonObject> documents = [];
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<FreeFormJson>(parser);
            if (document?.Value is JsonObject obj)
            {
                documents.Add(obj);
            }
        }

        return documents;
    }
}
