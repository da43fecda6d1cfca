using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// YAML input (as <c>aws ... --generate-cli-skeleton yaml-input</c> writes it, or by hand) read into the JSON tree the
/// readers take, the way the API reads a free-form document (<see cref="FreeFormJson"/>): plain scalars that read as
/// null, booleans or numbers are those, quoted ones stay strings.
/// </summary>
public static class YamlInput
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>True when <paramref name="file"/> is named .yaml or .yml, or the text does not start as JSON does.</summary>
    public static bool IsYaml(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        if (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return start.Length > 0 && start[0] is not ('{' or '[');
    }

    /// <summary>The one document of <paramref name="text"/>; a syntax error names the file, line and column.</summary>
    public static JsonNode Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        var documents = new List<JsonNode?>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                documents.Add(Deserializer.Deserialize<FreeFormJson>(parser)?.Value);
            }
        }
        catch (YamlException e)
        {
            throw new AwsInputException($"{file}:{e.Start.Line}:{e.Start.Column}: malformed YAML: {(e.InnerException ?? e).Message}", e);
        }

        return documents.Count switch
        {
            0 => throw new AwsInputException($"{file}: the document is empty"),
            > 1 => throw new AwsInputException($"{file}: {documents.Count} YAML documents; give one per file"),
            _ => documents[0] ?? throw new AwsInputException($"{file}: the document is null"),
        };
    }
}
