using EcsOnK8s.Testing.Common;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// Reads the chart without Helm (the tests with the real Helm are in Install/): YAML files as trees of dictionaries,
/// lists and strings, and templates with their control lines dropped and their expressions replaced by a placeholder.
/// </summary>
internal static partial class ChartYaml
{
    public const string Placeholder = "templated";

    public static string ChartDirectory => RepositoryRoot.Combine("charts", "ecsonk8s");

    public static List<object?> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => Convert(d.RootNode)).Where(d => d is not null).ToList();
    }

    public static object? LoadFile(string path) => LoadDocuments(File.ReadAllText(path)).Single();

    /// <summary>A template with lines that hold only an action removed and inline actions replaced.</summary>
    public static string StripTemplate(string text)
    {
        var lines = text.Split('\n')
            .Where(line => !ActionOnlyLine().IsMatch(line))
            .Select(line => InlineAction().Replace(line, Placeholder));
        return string.Join('\n', lines);
    }

    /// <summary>
    /// A template with its action-only lines dropped and each inline action replaced by its value in
    /// <paramref name="actions"/> (keyed by the action's text without braces and dashes); an action not listed throws.
    /// Both branches of an if/else survive, so use it on templates without else.
    /// </summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> actions)
    {
        var lines = text.Split('\n')
            .Where(line => !ActionOnlyLine().IsMatch(line))
            .Select(line => InlineAction().Replace(line, match =>
            {
                var action = match.Value.Trim('{', '}', '-', ' ');
                return actions.TryGetValue(action, out var value)
                    ? value
                    : throw new KeyNotFoundException($"no value for template action '{action}'");
            }));
        return string.Join('\n', lines);
    }

    public static object? At(object? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.'))
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(part, out node))
            {
                throw new KeyNotFoundException(dottedPath);
            }
        }

        return node;
    }

    public static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (string x, string y) => x == y,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
        (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && DeepEquals(kv.Value, other)),
        _ => false,
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Convert(kv.Value)),
        YamlSequenceNode list => list.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value is "" or "~" or "null" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? null : scalar.Value,
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    [GeneratedRegex(@"^\s*\{\{-?.*-?\}\}\s*$")]
    private static partial Regex ActionOnlyLine();

    [GeneratedRegex(@"\{\{-?.*?-?\}\}")]
    private static partial Regex InlineAction();
}
