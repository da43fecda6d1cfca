using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EcsOnK8s.Api.Schema;

/// <summary>Reads the summaries of the compiler's XML documentation file, so CRD descriptions come from the code.</summary>
public sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>Loads the documentation file that sits beside the assembly; empty when there is none.</summary>
    public static XmlDocumentation For(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        // A single-file app's assemblies have no Location; their documentation files are published beside it.
#pragma warning disable IL3000
        var location = assembly.Location;
#pragma warning restore IL3000
        var path = location.Length > 0
            ? Path.ChangeExtension(location, ".xml")
            : Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                var name = member.Attribute("name")?.Value;
                var summary = member.Element("summary");
                if (name is null || summary is null)
                {
                    continue;
                }

                var text = string.Concat(summary.Nodes().Select(n => n is XElement e ? e.Value : n.ToString()));
                summaries[name] = Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
            }
        }

        return new XmlDocumentation(summaries);
    }

    /// <summary>True when no documentation file was found: the CRDs then have no field descriptions.</summary>
    public bool IsEmpty => _summaries.Count == 0;

    public string? Of(Type type) =>
        _summaries.GetValueOrDefault("T:" + type.FullName);

    public string? Of(PropertyInfo property) =>
        _summaries.GetValueOrDefault("P:" + property.DeclaringType!.FullName + "." + property.Name);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
