using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOnK8s.EcsProtocol.Protocol;

/// <summary>
/// The ECS API model of the operations served (from botocore's service model, see hack/ecs-api-model.py): which
/// operations exist, and the members and types of their requests and answers. Requests are checked against it before
/// an operation sees them, so every operation gets AWS's answers to a wrong type or a missing member for free.
/// </summary>
public sealed class EcsModel
{
    private readonly Dictionary<string, (string Input, string Output)> _operations;
    private readonly Dictionary<string, JsonObject> _shapes;

    private EcsModel(JsonObject root)
    {
        _operations = root["operations"]!.AsObject().ToDictionary(
            p => p.Key, p => ((string)p.Value!["input"]!, (string)p.Value!["output"]!), StringComparer.Ordinal);
        _shapes = root["shapes"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);
    }

    /// <summary>The embedded model.</summary>
    public static EcsModel Instance { get; } = Load();

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public bool HasOperation(string operation) => _operations.ContainsKey(operation);

    /// <summary>The structure shape of an operation's request or answer.</summary>
    public string InputShape(string operation) => _operations[operation].Input;

    public string OutputShape(string operation) => _operations[operation].Output;

    /// <summary>The members of a structure shape (name to shape name); empty for other shapes.</summary>
    public IReadOnlyDictionary<string, string> Members(string shape) =>
        _shapes[shape]["members"] is JsonObject members
            ? members.ToDictionary(m => m.Key, m => (string)m.Value!["shape"]!, StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>The shape's type: structure, list, map, string, integer, long, boolean, double, float, timestamp, blob.</summary>
    public string TypeOf(string shape) => (string)_shapes[shape]["type"]!;

    /// <summary>The member shape of a list, or the value shape of a map.</summary>
    public string ItemOf(string shape) => (string)(_shapes[shape]["member"] ?? _shapes[shape]["value"])!["shape"]!;

    /// <summary>
    /// Throws what AWS answers for a request that does not fit the operation's input: a member of the wrong JSON type
    /// is a <see cref="EcsErrorType.SerializationException"/>, a required member missing an
    /// <see cref="EcsErrorType.InvalidParameterException"/>; both name the member. Unknown members are ignored, as AWS does.
    /// </summary>
    public void Validate(string operation, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request, InputShape(operation), string.Empty);
    }

    /// <summary>
    /// Removes, in place, every member the shape does not have (recursively): EcsOnK8s's own fields never reach an
    /// answer under a name ECS does not define.
    /// </summary>
    public JsonNode? Project(JsonNode? node, string shapeName)
    {
        if (node is null)
        {
            return null;
        }

        var shape = _shapes[shapeName];
        switch ((string)shape["type"]!)
        {
            case "structure" when node is JsonObject obj:
                var members = shape["members"] as JsonObject;
                foreach (var (name, value) in obj.ToList())
                {
                    if (members?[name] is JsonObject member && value is not null)
                    {
                        Project(value, (string)member["shape"]!);
                    }
                    else
                    {
                        obj.Remove(name);
                    }
                }

                break;
            case "list" when node is JsonArray array:
                foreach (var item in array)
                {
                    Project(item, (string)shape["member"]!["shape"]!);
                }

                break;
            case "map" when node is JsonObject map:
                foreach (var (_, value) in map)
                {
                    Project(value, (string)shape["value"]!["shape"]!);
                }

                break;
        }

        return node;
    }

    private void Check(JsonNode? node, string shapeName, string path)
    {
        var shape = _shapes[shapeName];
        var type = (string)shape["type"]!;
        if (node is null)
        {
            return;
        }

        var kind = node.GetValueKind();
        var fits = type switch
        {
            "structure" or "map" => kind == JsonValueKind.Object,
            "list" => kind == JsonValueKind.Array,
            "string" or "blob" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" or "long" => kind == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out _),
            "double" or "float" => kind == JsonValueKind.Number,
            "timestamp" => kind is JsonValueKind.Number or JsonValueKind.String,
            _ => true,
        };
        if (!fits)
        {
            throw new EcsApiException(EcsErrorType.SerializationException, $"{Describe(path)}: expected {Expected(type)}, got {Got(kind)}.");
        }

        switch (type)
        {
            case "structure":
                var obj = node.AsObject();
                foreach (var required in shape["required"]?.AsArray().Select(r => (string)r!) ?? [])
                {
                    if (obj[required] is null)
                    {
                        throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{Describe(Join(path, required))}: a required member is missing.");
                    }
                }

                var members = shape["members"] as JsonObject;
                foreach (var (name, value) in obj)
                {
                    if (members?[name] is JsonObject member)
                    {
                        Check(value, (string)member["shape"]!, Join(path, name));
                    }
                }

                break;
            case "list":
                var item = (string)shape["member"]!["shape"]!;
                var array = node.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], item, $"{path}[{i}]");
                }

                break;
            case "map":
                var valueShape = (string)shape["value"]!["shape"]!;
                foreach (var (key, entry) in node.AsObject())
                {
                    Check(entry, valueShape, Join(path, key));
                }

                break;
        }
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    private static string Describe(string path) => path.Length == 0 ? "The request" : $"Member '{path}'";

    private static string Expected(string type) => type switch
    {
        "structure" or "map" => "an object",
        "list" => "a list",
        "integer" or "long" => "an integer",
        "double" or "float" => "a number",
        "boolean" => "true or false",
        "timestamp" => "a timestamp",
        _ => "a string",
    };

    private static string Got(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static EcsModel Load()
    {
        using var stream = typeof(EcsModel).Assembly.GetManifestResourceStream("ecs-model.json")
            ?? throw new InvalidOperationException("the ECS model resource is missing from the assembly");
        return new EcsModel(JsonNode.Parse(stream)!.AsObject());
    }
}
