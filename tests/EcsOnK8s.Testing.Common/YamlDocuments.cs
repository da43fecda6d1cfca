using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EcsOnK8s.Testing.Common;

/// <summary>Reads every document of a YAML stream as plain JSON, keeping numbers, booleans and strings apart.</summary>
public static class YamlDocuments
{
    /// <summary>The documents of <paramref name="yaml"/> that are mappings, in order; empty documents are skipped.</summary>
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
