using System.Collections;
using System.Reflection;
using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Translation.Tests.Pods;

/// <summary>
/// Fills every public settable property of an object graph with a non-null value, by reflection, so that a new
/// field added to the API types is exercised without anyone remembering to. Enumerated strings take one of their
/// allowed values (chosen by <c>variant</c>), lists get two items, dictionaries two entries.
/// </summary>
internal static class SpecFiller
{
    public static T Fill<T>(int variant = 0)
        where T : new() => (T)Fill(typeof(T), "root", variant, 0)!;

    private static object? Fill(Type type, string name, int variant, int depth, PropertyInfo? property = null)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            var allowed = property?.GetCustomAttribute<EnumValuesAttribute>()?.Values;
            return allowed is { Count: > 0 } ? allowed[variant % allowed.Count] : StringFor(name, variant);
        }

        if (t == typeof(bool))
        {
            return variant % 2 == 0;
        }

        if (t == typeof(int) || t == typeof(long))
        {
            var range = property?.GetCustomAttribute<SchemaRangeAttribute>();
            var n = range is null ? 8 + variant : (long)Math.Max(range.Minimum, Math.Min(range.Maximum, 8 + variant));
            return t == typeof(int) ? (object)(int)n : n;
        }

        if (t == typeof(double))
        {
            return 1.5 + variant;
        }

        if (t.IsEnum)
        {
            return Enum.GetValues(t).GetValue(0);
        }

        if (depth > 8)
        {
            return null;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var dict = (IDictionary)Activator.CreateInstance(t)!;
            var valueType = t.GetGenericArguments()[1];
            dict["com.example.one"] = Fill(valueType, "one", variant, depth + 1);
            dict["Two Words"] = Fill(valueType, "two", variant, depth + 1);
            return dict;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(t)!;
            var element = t.GetGenericArguments()[0];
            for (var i = 0; i < 2; i++)
            {
                list.Add(Fill(element, name, variant + i, depth + 1, property));
            }

            return list;
        }

        if (t.IsClass && t.GetConstructor(Type.EmptyTypes) is not null && t.Namespace?.StartsWith("EcsOnK8s", StringComparison.Ordinal) == true)
        {
            var o = Activator.CreateInstance(t)!;
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                p.SetValue(o, Fill(p.PropertyType, p.Name, variant, depth + 1, p));
            }

            return o;
        }

        return null;
    }

    private static string StringFor(string name, int variant) => name switch
    {
        "Name" => "Name_" + variant,
        "Image" => "nginx:1.25",
        "ValueFrom" => variant % 2 == 0 ? "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:user:AWSCURRENT:" : "/prod/param",
        "TaskRoleArn" or "ExecutionRoleArn" => "arn:aws:iam::123456789012:role/Role_" + variant,
        "Cpu" => "1 vCPU",
        "Memory" => "4 GB",
        "Expression" => "attribute:ecs.instance-type == m5.large",
        "Hostname" => "host-" + variant,
        "IpAddress" => "10.0.0." + (variant + 1),
        "ContainerName" or "SourceContainer" => "Name_" + ((variant + 1) % 2),
        "SourceVolume" => "Name_" + variant,
        "ContainerPath" => "/mnt/p" + variant,
        "SourcePath" => "/srv/p" + variant,
        "User" => "1000:1000",
        _ => name.ToLowerInvariant() + "-" + variant,
    };
}
