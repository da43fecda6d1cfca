using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// The leaf paths of an input object as the report names them: scalars, lists of scalars and dictionaries are
/// leaves (<c>containerDefinitions[0].entryPoint</c>, <c>containerDefinitions[0].dockerLabels</c>); objects and
/// lists of objects are walked (<c>volumes[1].efsVolumeConfiguration.authorizationConfig.accessPointId</c>). Used to
/// check that no field is dropped silently.
/// </summary>
public static class ReportCoverage
{
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type, Func<object, object?> Get)[]> Properties = new();

    /// <summary>Every non-null leaf path of <paramref name="value"/>, in declaration order.</summary>
    public static IReadOnlyList<string> LeafPaths(object value, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new List<string>();
        Walk(value, prefix, result);
        return result;
    }

    /// <summary>The leaf paths of <paramref name="value"/> that <paramref name="report"/> does not name.</summary>
    public static IReadOnlyList<string> Missing(object value, TranslationReport report, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(report);
        var named = report.Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        return LeafPaths(value, prefix).Where(p => !named.Contains(p)).ToList();
    }

    private static void Walk(object value, string path, List<string> result)
    {
        foreach (var (name, type, get) in PropertiesOf(value.GetType()))
        {
            var child = get(value);
            if (child is null)
            {
                continue;
            }

            var childPath = path.Length == 0 ? name : path + "." + name;
            if (IsLeaf(type))
            {
                result.Add(childPath);
            }
            else if (child is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item)
                    {
                        Walk(item, childPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", result);
                    }
                }
            }
            else
            {
                Walk(child, childPath, result);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return true;
        }

        if (typeof(IDictionary).IsAssignableFrom(t))
        {
            return true;
        }

        if (t.IsGenericType && t.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(t))
        {
            return IsLeaf(element);
        }

        return false;
    }

    private static (string Name, Type Type, Func<object, object?> Get)[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p.PropertyType, Getter(p)))
            .ToArray());

    /// <summary>A compiled getter: reflection's GetValue is an order of magnitude slower, and this runs per render.</summary>
    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(instance, property.DeclaringType!), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }
}
