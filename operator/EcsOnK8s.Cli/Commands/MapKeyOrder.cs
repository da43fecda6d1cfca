using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace EcsOnK8s.Cli.Commands;

/// <summary>
/// Puts every string-keyed map of rendered objects (labels, annotations, selectors, resources...) in key order
/// (ordinal) before they are written, so that the YAML reads the same whatever order the renderer filled the maps
/// in. Ordering is the writer's concern: the renderer and the operator, which applies objects as JSON, need none.
/// </summary>
internal static class MapKeyOrder
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Orders the maps of <paramref name="documents"/> in place and returns them.</summary>
    public static IEnumerable<object> Sort(IEnumerable<object> documents)
    {
        foreach (var document in documents)
        {
            Walk(document);
        }

        return documents;
    }

    private static void Walk(object? value)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        if (value is IList list)
        {
            foreach (var item in list)
            {
                Walk(item);
            }

            return;
        }

        foreach (var property in Properties.GetOrAdd(value.GetType(), Readable))
        {
            var child = property.GetValue(value);
            if (child is null)
            {
                continue;
            }

            if (MapValueType(child.GetType()) is { } valueType)
            {
                if (property.CanWrite)
                {
                    property.SetValue(value, Ordered(child, valueType, property.PropertyType));
                }

                continue;
            }

            Walk(child);
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !p.PropertyType.IsValueType && p.PropertyType != typeof(string))
            .ToArray();

    /// <summary>T of an <c>IDictionary&lt;string, T&gt;</c> the map implements, or null for anything else.</summary>
    private static Type? MapValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>) && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static object Ordered(object map, Type valueType, Type propertyType)
    {
        var sortedType = typeof(SortedDictionary<,>).MakeGenericType(typeof(string), valueType);
        if (!propertyType.IsAssignableFrom(sortedType))
        {
            return map;
        }

        var sorted = (IDictionary)Activator.CreateInstance(sortedType, StringComparer.Ordinal)!;
        foreach (DictionaryEntry entry in (IDictionary)map)
        {
            sorted[entry.Key] = entry.Value;
        }

        return sorted;
    }
}
