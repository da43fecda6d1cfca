using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Report;

/// <summary>
/// The leaf paths of an input object as the report names them: scalars, lists of scalars and dictionaries are
/// leaves (<c>containerDefinitions[0].entryPoint</c>, <c>containerDefinitions[0].dockerLabels</c>); objects and
/// lists of objects are walked (<c>volumes[1].efsVolumeConfiguration.authorizationConfig.accessPointId</c>). Used to
/// check that no field is dropped silently.
/// </summary>
internal static class ReportCoverage
{
    // Reflection runs once per type; each render only calls the compiled getters.
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    /// <summary>Every non-null leaf path of <paramref name="value"/>, in declaration order.</summary>
    public static IReadOnlyList<string> LeafPaths(object value, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new List<string>();
        var path = new PathBuffer(prefix);
        Walk(value, path, p => result.Add(p.ToString()));
        return result;
    }

    /// <summary>The leaf paths of <paramref name="value"/> that <paramref name="report"/> does not name.</summary>
    public static IReadOnlyList<string> Missing(object value, TranslationReport report, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new List<string>();
        var path = new PathBuffer(prefix);
        // Asking the report with the path buffer's characters keeps the walk free of allocations: a string is
        // made only for a path that is missing, which a complete render never has.
        Walk(value, path, p =>
        {
            if (!report.Contains(p.AsSpan()))
            {
                result.Add(p.ToString());
            }
        });
        return result;
    }

    private static void Walk(object value, PathBuffer path, Action<PathBuffer> leaf)
    {
        var shape = ShapeOf(value.GetType());
        if (shape.SetMembers is { } setMembers)
        {
            // One compiled call says which members are set: most of a container definition's forty are not.
            for (var set = setMembers(value); set != 0; set &= set - 1)
            {
                Visit(shape.Members[BitOperations.TrailingZeroCount(set)], value, path, leaf);
            }

            return;
        }

        foreach (var member in shape.Members)
        {
            if (member.IsSet(value))
            {
                Visit(member, value, path, leaf);
            }
        }
    }

    private static void Visit(Member member, object owner, PathBuffer path, Action<PathBuffer> leaf)
    {
        var length = path.Length;
        path.AppendMember(member.Name);
        if (member.IsLeaf)
        {
            leaf(path);
        }
        else
        {
            WalkChild(member.Get(owner), path, leaf);
        }

        path.Length = length;
    }

    private static void WalkChild(object? child, PathBuffer path, Action<PathBuffer> leaf)
    {
        if (child is IList list)
        {
            var length = path.Length;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is { } item)
                {
                    path.AppendIndex(i);
                    Walk(item, path, leaf);
                    path.Length = length;
                }
            }
        }
        else if (child is not null)
        {
            Walk(child, path, leaf);
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

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
    {
        var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToArray();
        var members = properties
            .Select(p => new Member(
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..],
                IsLeaf(p.PropertyType),
                Getter(p),
                IsSetTest(p)))
            .ToArray();
        return new Shape(members, properties.Length <= 64 ? SetMask(t, properties) : null);
    });

    /// <summary>A compiled getter: reflection's GetValue is an order of magnitude slower, and this runs per render.</summary>
    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(instance, property.DeclaringType!), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }

    /// <summary>
    /// A compiled "is not null": the walk needs no leaf's value, and reading an int? or bool? through
    /// <see cref="Getter"/> would box it.
    /// </summary>
    private static Func<object, bool> IsSetTest(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        return Expression.Lambda<Func<object, bool>>(IsSet(Expression.Convert(instance, property.DeclaringType!), property), instance).Compile();
    }

    /// <summary>A compiled test of every member at once: bit i is set when member i is not null.</summary>
    private static Func<object, ulong> SetMask(Type type, PropertyInfo[] properties)
    {
        var instance = Expression.Parameter(typeof(object));
        var typed = Expression.Variable(type);
        Expression mask = Expression.Constant(0UL);
        for (var i = 0; i < properties.Length; i++)
        {
            mask = Expression.Or(mask, Expression.Condition(IsSet(typed, properties[i]), Expression.Constant(1UL << i), Expression.Constant(0UL)));
        }

        var body = Expression.Block(typeof(ulong), [typed], Expression.Assign(typed, Expression.Convert(instance, type)), mask);
        return Expression.Lambda<Func<object, ulong>>(body, instance).Compile();
    }

    private static Expression IsSet(Expression owner, PropertyInfo property) =>
        property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
            ? Expression.Constant(true)
            : Expression.NotEqual(Expression.Property(owner, property), Expression.Constant(null, property.PropertyType));

    private sealed record Member(string Name, bool IsLeaf, Func<object, object?> Get, Func<object, bool> IsSet);

    /// <summary>The reported members of a type, and (up to 64 of them) one call that tests them all.</summary>
    private sealed record Shape(Member[] Members, Func<object, ulong>? SetMembers);

    private sealed class PathBuffer
    {
        private char[] _chars;

        public PathBuffer(string prefix)
        {
            _chars = new char[Math.Max(128, prefix.Length * 2)];
            prefix.CopyTo(_chars);
            Length = prefix.Length;
        }

        public int Length { get; set; }

        public void AppendMember(string name)
        {
            if (Length > 0)
            {
                Append(".");
            }

            Append(name);
        }

        public void AppendIndex(int index)
        {
            Append("[");
            Reserve(11);
            index.TryFormat(_chars.AsSpan(Length), out var written, provider: CultureInfo.InvariantCulture);
            Length += written;
            Append("]");
        }

        public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

        public override string ToString() => new(_chars, 0, Length);

        private void Append(string text)
        {
            Reserve(text.Length);
            text.CopyTo(_chars.AsSpan(Length));
            Length += text.Length;
        }

        private void Reserve(int more)
        {
            if (Length + more > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + more));
            }
        }
    }
}
