using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// The JSON fields of the API model types, named as the Kubernetes serializer names them (camelCase, or the
/// JsonPropertyName): what an input document may say at each level, for suggestions and for reading it leniently.
/// </summary>
internal static class ModelFields
{
    private static readonly JsonSerializerOptions Naming = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, ModelField>?> Cache = new();

    /// <summary>The fields of an object type by JSON name; null for scalars, lists and dictionaries.</summary>
    public static IReadOnlyDictionary<string, ModelField>? Of(Type? type) => type is null ? null : Cache.GetOrAdd(type, Build);

    /// <summary>The element type of a list or array, the value type of a string-keyed dictionary; null otherwise.</summary>
    public static Type? ItemType(Type? type)
    {
        if (type is null || type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var dictionary = Generic(type, typeof(IDictionary<,>)) ?? Generic(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return Generic(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    /// <summary>True for string-keyed dictionaries, whose keys are the user's and never unknown.</summary>
    public static bool IsDictionary(Type? type) =>
        type is not null && (Generic(type, typeof(IDictionary<,>)) ?? Generic(type, typeof(IReadOnlyDictionary<,>))) is not null;

    private static IReadOnlyDictionary<string, ModelField>? Build(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type == typeof(string) || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true
            || IsDictionary(type) || ItemType(type) is not null)
        {
            return null;
        }

        JsonTypeInfo info;
        try
        {
            info = Naming.GetTypeInfo(type);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        return info.Properties.ToDictionary(
            p => p.Name,
            p => new ModelField(p.PropertyType, (p.AttributeProvider as MemberInfo)?.GetCustomAttribute<EnumValuesAttribute>() is not null),
            StringComparer.Ordinal);
    }

    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
