using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// One mutated spec of the fuzzing suite: a valid spec of <see cref="Kind"/> with one change at <see cref="Path"/>
/// (<see cref="What"/> says which), drawn from a seeded table so that a failing case is reproducible by its number.
/// </summary>
internal sealed record SpecMutation(int Number, string Kind, string Plural, string Path, string What, JsonObject Spec, JsonObject ValidSpec)
{
    /// <summary>The last name in <see cref="Path"/> (a condition naming the field names at least this).</summary>
    public string Field => Path.Split('.', '[').Last(p => p.Length > 0 && !char.IsAsciiDigit(p[0])).TrimEnd(']');

    public override string ToString() => $"#{Number} {Kind} {Path}: {What}";

    /// <summary>The valid specs the mutations start from, by kind (plural, spec).</summary>
    public static IReadOnlyList<(string Kind, string Plural, string Spec)> ValidSpecs { get; } =
    [
        ("EcsTaskDefinition", "ecstaskdefinitions", """
            {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
             "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "portMappings": [{"containerPort": 8080}],
               "environment": [{"name": "MODE", "value": "web"}], "dockerLabels": {"team": "a"}}]}
            """),
        ("EcsService", "ecsservices", """
            {"taskDefinition": "web", "desiredCount": 1, "launchType": "FARGATE",
             "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}}
            """),
        ("EcsTask", "ecstasks", """
            {"taskDefinition": "web", "count": 1, "startedBy": "fuzz",
             "overrides": {"containerOverrides": [{"name": "app", "command": ["sh", "-c", "true"]}]}}
            """),
        ("EcsScheduledTask", "ecsscheduledtasks", """
            {"scheduleExpression": "rate(1 hour)",
             "target": {"arn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "ecsParameters": {"taskDefinitionArn": "web", "taskCount": 1}}}
            """),
        ("EcsEventRule", "ecseventrules", """
            {"eventPattern": {"source": ["my.store"], "detail": {"key": [{"prefix": "incoming/"}]}},
             "targets": [{"id": "hook", "http": {"url": "http://127.0.0.1:9/hook"}}]}
            """),
    ];

    /// <summary><paramref name="count"/> mutations spread over the five kinds, from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SpecMutation> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var mutations = new List<SpecMutation>(count);
        for (var number = 0; number < count; number++)
        {
            var (kind, plural, text) = ValidSpecs[number % ValidSpecs.Count];
            var valid = JsonNode.Parse(text)!.AsObject();
            var spec = JsonNode.Parse(text)!.AsObject();
            var leaves = Paths(spec, "spec").ToList();
            var (path, parent, key) = leaves[random.Next(leaves.Count)];
            var operators = Operators(kind);
            var (what, field, apply) = operators[random.Next(operators.Count)];
            apply(parent, key, random);
            mutations.Add(new SpecMutation(number, kind, plural, field is null ? path : $"spec.{field}", what, spec, valid));
        }

        return mutations;
    }

    private delegate void Mutate(JsonNode parent, object key, Random random);

    private static List<(string What, string? Field, Mutate Apply)> Operators(string kind)
    {
        List<(string, string?, Mutate)> operators =
        [
            ("zero", null, (p, k, _) => Set(p, k, 0)),
            ("minus one", null, (p, k, _) => Set(p, k, -1)),
            ("int32 overflow", null, (p, k, _) => Set(p, k, 2147483648L)),
            ("int64 max", null, (p, k, _) => Set(p, k, long.MaxValue)),
            ("huge float", null, (p, k, _) => Set(p, k, 1e308)),
            ("fraction", null, (p, k, _) => Set(p, k, 0.5)),
            ("empty string", null, (p, k, _) => Set(p, k, "")),
            ("huge string (200 KB)", null, (p, k, _) => Set(p, k, new string('x', 200_000))),
            ("unicode", null, (p, k, _) => Set(p, k, "ünï\u202Ecødé-🚀-\u0000-名前")),
            ("whitespace", null, (p, k, _) => Set(p, k, "  \t\n ")),
            ("wrong type: bool", null, (p, k, _) => Set(p, k, true)),
            ("wrong type: object", null, (p, k, _) => Set(p, k, new JsonObject { ["unexpected"] = 1 })),
            ("wrong type: array", null, (p, k, _) => Set(p, k, new JsonArray(1, "two"))),
            ("wrong type: number for string", null, (p, k, _) => Set(p, k, 42)),
            ("null", null, (p, k, _) => Set(p, k, null)),
            ("removed", null, (p, k, _) => Remove(p, k)),
            ("bad quantity", null, (p, k, r) => Set(p, k, new[] { "1.5.5Gi", "-1", "NaN", "0x10", "1e400", "256 MiB" }[r.Next(6)])),
            ("bad expression", null, (p, k, r) => Set(p, k, new[] { "cron(* * *)", "rate(0 minutes)", "rate(-1 hours)", "at(2020-13-45T99:00:00)", "cron(0 0 31 2 ? *)", "every day" }[r.Next(6)])),
            ("10,000-element list", null, (p, k, _) => Set(p, k, new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create(i.ToString(CultureInfo.InvariantCulture)))]))),
            ("deep nesting (100)", null, (p, k, _) => Set(p, k, Deep(100))),
            ("name at 64 characters", null, (p, k, _) => Set(p, k, new string('a', 64))),
            ("DNS-invalid name", null, (p, k, _) => Set(p, k, "Not_A.DNS-Name!")),
        ];

        // Kind-specific shapes the generic operators do not reach: collisions and cycles.
        if (kind == "EcsTaskDefinition")
        {
            operators.Add(("duplicate container names", "containerDefinitions", (p, _, _) => Root(p)["containerDefinitions"] = JsonNode.Parse(
                """[{"name": "app", "image": "nginx:1.27"}, {"name": "app", "image": "nginx:1.28"}]""")));
            operators.Add(("dependsOn cycle", "containerDefinitions", (p, _, _) => Root(p)["containerDefinitions"] = JsonNode.Parse(
                """[{"name": "a", "image": "busybox", "dependsOn": [{"containerName": "b", "condition": "START"}]}, {"name": "b", "image": "busybox", "dependsOn": [{"containerName": "a", "condition": "START"}]}]""")));
            operators.Add(("duplicate port mappings", "containerDefinitions[0].portMappings", (p, _, _) => Root(p)["containerDefinitions"]![0]!["portMappings"] = JsonNode.Parse(
                """[{"containerPort": 8080}, {"containerPort": 8080}]""")));
        }

        if (kind == "EcsEventRule")
        {
            operators.Add(("pattern nested 200 deep", "eventPattern", (p, _, _) => Root(p)["eventPattern"] = new JsonObject { ["detail"] = Deep(200) }));
            operators.Add(("duplicate target ids", "targets", (p, _, _) => Root(p)["targets"] = JsonNode.Parse(
                """[{"id": "t", "http": {"url": "http://127.0.0.1:9/a"}}, {"id": "t", "http": {"url": "http://127.0.0.1:9/b"}}]""")));
        }

        return operators;
    }

    private static JsonObject Root(JsonNode node)
    {
        while (node.Parent is not null)
        {
            node = node.Parent;
        }

        return node.AsObject();
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray("leaf");
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["n"] = node };
        }

        return node;
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[(string)key] = value;
        }
        else
        {
            parent.AsArray()[(int)key] = value;
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (parent is JsonObject o)
        {
            o.Remove((string)key);
        }
        else
        {
            parent.AsArray().RemoveAt((int)key);
        }
    }

    /// <summary>Every value below the root (objects and arrays included), with its parent and key.</summary>
    private static IEnumerable<(string Path, JsonNode Parent, object Key)> Paths(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    var childPath = $"{path}.{name}";
                    yield return (childPath, o, name);
                    if (child is not null)
                    {
                        foreach (var nested in Paths(child, childPath))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var childPath = new StringBuilder(path).Append('[').Append(i).Append(']').ToString();
                    yield return (childPath, a, i);
                    if (a[i] is { } child)
                    {
                        foreach (var nested in Paths(child, childPath))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
        }
    }
}
