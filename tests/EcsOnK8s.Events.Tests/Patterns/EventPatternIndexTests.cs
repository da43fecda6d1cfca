using System.Text.Json;
using EcsOnK8s.Events.Patterns;

namespace EcsOnK8s.Events.Tests.Patterns;

public sealed class EventPatternIndexTests
{
    private static EventPattern P(string json) => EventPattern.Parse(json).Pattern ?? throw new ArgumentException(json);

    private static IReadOnlyList<string> Match(EventPatternIndex<string> index, string @event)
    {
        using var document = JsonDocument.Parse(@event);
        return index.Match(document.RootElement);
    }

    [Fact]
    public void Match_KeysInTheOrderAdded_AcrossBuckets()
    {
        var index = new EventPatternIndex<string>();
        index.Set("unindexed", P("""{"detail":{"a":["1"]}}"""));
        index.Set("pair", P("""{"source":["s"],"detail-type":["t"]}"""));
        index.Set("type-only", P("""{"detail-type":["t"]}"""));
        index.Set("source-only", P("""{"source":["s"]}"""));
        index.Set("other-source", P("""{"source":["x"]}"""));

        Assert.Equal(["unindexed", "pair", "type-only", "source-only"], Match(index, """{"source":"s","detail-type":"t","detail":{"a":"1"}}"""));
        Assert.Equal(["source-only"], Match(index, """{"source":"s","detail-type":"u","detail":{"a":"2"}}"""));
    }

    [Fact]
    public void Set_SameKey_ReplacesPatternKeepsPlace()
    {
        var index = new EventPatternIndex<string>();
        index.Set("a", P("""{"source":["s"]}"""));
        index.Set("b", P("""{"source":["s"]}"""));
        index.Set("a", P("""{"detail-type":["t"]}"""));

        Assert.Equal(2, index.Count);
        Assert.Equal(["a", "b"], Match(index, """{"source":"s","detail-type":"t"}"""));
        Assert.Equal(["b"], Match(index, """{"source":"s","detail-type":"u"}"""));
    }

    [Fact]
    public void Remove_Rule_NoLongerMatches()
    {
        var index = new EventPatternIndex<string>();
        index.Set("a", P("""{"source":["s"]}"""));
        Assert.Equal(["a"], Match(index, """{"source":"s"}"""));

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.False(index.Contains("a"));
        Assert.Empty(Match(index, """{"source":"s"}"""));
    }

    // The index only narrows; these events take the paths where narrowing must not lose a rule.
    [Theory]
    [InlineData("""{"source":["s","x"],"detail-type":"t"}""", "pair,source-only")]
    [InlineData("""{"source":"s","detail-type":["u","t"]}""", "pair,source-only")]
    [InlineData("""{"source":"s\u002E1","detail-type":"t"}""", "escaped")]
    [InlineData("""{"source":5,"detail-type":"t"}""", "")]
    [InlineData("""{"detail-type":"t"}""", "")]
    [InlineData("""[]""", "")]
    public void Match_UnusualKeyValues_SameAsEvaluatingEveryRule(string @event, string expected)
    {
        var index = new EventPatternIndex<string>();
        index.Set("pair", P("""{"source":["s"],"detail-type":["t"]}"""));
        index.Set("source-only", P("""{"source":["s","x"]}"""));
        index.Set("escaped", P("""{"source":["s.1"],"detail-type":["t"]}"""));

        Assert.Equal(expected, string.Join(',', Match(index, @event)));
    }

    [Fact]
    public void Match_ManySourcesAndTypes_FiledUnderSourcesOnly()
    {
        var sources = string.Join(',', Enumerable.Range(0, 10).Select(i => $"\"s{i}\""));
        var types = string.Join(',', Enumerable.Range(0, 10).Select(i => $"\"t{i}\""));
        var index = new EventPatternIndex<string>();
        index.Set("wide", P($$"""{"source":[{{sources}}],"detail-type":[{{types}}]}"""));

        Assert.Equal(["wide"], Match(index, """{"source":"s9","detail-type":"t9"}"""));
        Assert.Empty(Match(index, """{"source":"s9","detail-type":"t10"}"""));
    }

    // The oracle: every rule evaluated on its own. 1,000 generated rules of mixed shapes, 2,000 generated events.
    [Fact]
    public void Match_GeneratedRulesAndEvents_SameAsEvaluatingEveryRule()
    {
        var random = new Random(13);
        var rules = Enumerable.Range(0, 1000).Select(i => ($"rule-{i}", P(GeneratedRule(random)))).ToList();
        var index = new EventPatternIndex<string>();
        foreach (var (key, pattern) in rules)
        {
            index.Set(key, pattern);
        }

        var matched = 0;
        for (var i = 0; i < 2000; i++)
        {
            using var document = JsonDocument.Parse(GeneratedEvent(random));
            var expected = rules.Where(r => r.Item2.Matches(document)).Select(r => r.Item1).ToList();

            Assert.Equal(expected, index.Match(document.RootElement));
            matched += expected.Count;
        }

        Assert.True(matched > 500, $"only {matched} matches: the generators do not exercise the index");
    }

    [Fact]
    public async Task Match_WhileRulesChange_NeverThrows()
    {
        var index = new EventPatternIndex<int>();
        using var document = JsonDocument.Parse("""{"source":"s0","detail-type":"t0"}""");
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                index.Set(i % 50, P($$"""{"source":["s{{i % 3}}"]}"""));
                index.Remove((i + 25) % 50);
            }
        });

        var results = new List<int>();
        while (!writer.IsCompleted)
        {
            results.Clear();
            index.Match(document.RootElement, results);
            Assert.Equal(results.Count, results.Distinct().Count());
        }

        await writer;
    }

    // A collection that matches another event from Add (a pipeline fanning out) sees both answers whole.
    [Fact]
    public void Match_ReenteredFromAdd_BothAnswersWhole()
    {
        var index = new EventPatternIndex<string>();
        index.Set("a", P("""{"source":["s"]}"""));
        index.Set("b", P("""{"detail":{"x":["1"]}}"""));
        index.Set("c", P("""{"source":["t"]}"""));
        using var first = JsonDocument.Parse("""{"source":"s","detail":{"x":"1"}}""");
        using var second = JsonDocument.Parse("""{"source":"t","detail":{"x":"2"}}""");
        var inner = new List<string>();
        var outer = new ReenteringList(() => index.Match(second.RootElement, inner));

        index.Match(first.RootElement, outer);

        Assert.Equal(["a", "b"], outer);
        Assert.Equal(["c", "c"], inner);
    }

    private sealed class ReenteringList(Action onAdd) : List<string>, ICollection<string>
    {
        void ICollection<string>.Add(string item)
        {
            onAdd();
            Add(item);
        }
    }

    private static readonly string[] Sources = ["aws.ecs", "aws.s3", "aws.ec2", "com.example.orders", "com.example.billing", "ci.builds"];
    private static readonly string[] Types = ["ECS Task State Change", "Object Created", "EC2 Instance State-change Notification", "OrderPlaced", "InvoicePaid", "BuildFinished"];
    private static readonly string[] States = ["RUNNING", "STOPPED", "PENDING", "PROVISIONING"];

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    internal static string GeneratedRule(Random random)
    {
        var parts = new List<string>();
        switch (random.Next(6))
        {
            case 0:
                break;
            case 1:
                parts.Add($"\"source\":[\"{Pick(random, Sources)}\"]");
                break;
            case 2:
                parts.Add($"\"detail-type\":[\"{Pick(random, Types)}\"]");
                break;
            case 3:
                parts.Add($"\"source\":[{{\"prefix\":\"{Pick(random, Sources)[..4]}\"}}]");
                break;
            default:
                parts.Add($"\"source\":[\"{Pick(random, Sources)}\",\"{Pick(random, Sources)}\"]");
                parts.Add($"\"detail-type\":[\"{Pick(random, Types)}\"]");
                break;
        }

        parts.Add(random.Next(5) switch
        {
            0 => $"\"detail\":{{\"lastStatus\":[\"{Pick(random, States)}\"]}}",
            1 => $"\"detail\":{{\"size\":[{{\"numeric\":[\">\",{random.Next(100)}]}}],\"key\":[{{\"prefix\":\"in/{random.Next(3)}\"}}]}}",
            2 => $"\"detail\":{{\"containers\":{{\"exitCode\":[{{\"anything-but\":0}}]}},\"lastStatus\":[{{\"exists\":{(random.Next(2) == 0 ? "true" : "false")}}}]}}",
            3 => $"\"$or\":[{{\"detail\":{{\"lastStatus\":[\"{Pick(random, States)}\"]}}}},{{\"region\":[{{\"equals-ignore-case\":\"US-EAST-1\"}}]}}]",
            _ => $"\"detail\":{{\"group\":[{{\"wildcard\":\"service:{(char)('a' + random.Next(3))}*\"}}]}}",
        });
        return "{" + string.Join(',', parts) + "}";
    }

    internal static string GeneratedEvent(Random random)
    {
        var detail = random.Next(4) switch
        {
            0 => $"{{\"lastStatus\":\"{Pick(random, States)}\",\"group\":\"service:{(char)('a' + random.Next(4))}pp\",\"containers\":[{{\"exitCode\":{random.Next(2)}}},{{\"exitCode\":0}}]}}",
            1 => $"{{\"size\":{random.Next(200)},\"key\":\"in/{random.Next(4)}/file.csv\"}}",
            2 => $"{{\"containers\":[{{\"exitCode\":{random.Next(3)}}}]}}",
            _ => "{}",
        };
        var region = random.Next(2) == 0 ? "us-east-1" : "eu-west-1";
        return $"{{\"version\":\"0\",\"id\":\"{random.Next()}\",\"detail-type\":\"{Pick(random, Types)}\",\"source\":\"{Pick(random, Sources)}\",\"account\":\"123456789012\",\"time\":\"2026-12-07T00:00:00Z\",\"region\":\"{region}\",\"resources\":[],\"detail\":{detail}}}";
    }
}
