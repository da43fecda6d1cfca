using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EcsOnK8s.Events.Patterns;

namespace EcsOnK8s.Translation.Benchmarks;

/// <summary>
/// Events matched per second (issue 13): one ECS rule against ECS task events, and 1,000 rules of realistic shape
/// (40 sources, 5 detail-types each, nested detail filters with every operator; 3% of rules name no exact source
/// or detail-type and are tried on every event) through <see cref="EventPatternIndex{TKey}"/>, against the same
/// rules evaluated one by one. Each operation is a batch of <see cref="Batch"/> events, so Op/s is events/s.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class EventPatternBenchmarks
{
    public const int Batch = 1000;

    private readonly List<int> _matches = new(64);
    private EventPattern _one = null!;
    private EventPatternIndex<int> _index = null!;
    private EventPattern[] _rules = null!;
    private JsonDocument[] _ecsEvents = null!;
    private JsonDocument[] _mixedEvents = null!;
    private byte[][] _mixedUtf8 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(13);
        _one = EventPattern.Parse(OneRule).Pattern!;
        _rules = Enumerable.Range(0, 1000).Select(_ => EventPattern.Parse(Rule(random)).Pattern ?? throw new InvalidOperationException("a generated rule must parse")).ToArray();
        _index = new EventPatternIndex<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            _index.Set(i, _rules[i]);
        }

        _ecsEvents = Enumerable.Range(0, Batch).Select(_ => JsonDocument.Parse(EcsTaskEvent(random))).ToArray();
        _mixedUtf8 = Enumerable.Range(0, Batch).Select(_ => Encoding.UTF8.GetBytes(Event(random))).ToArray();
        _mixedEvents = _mixedUtf8.Select(b => JsonDocument.Parse(b)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in _ecsEvents.Concat(_mixedEvents))
        {
            document.Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "1 rule, parsed events")]
    public int OneRuleMatch()
    {
        var n = 0;
        foreach (var document in _ecsEvents)
        {
            n += _one.Matches(document) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "1,000 rules, index, parsed events")]
    public int IndexMatch()
    {
        var n = 0;
        foreach (var document in _mixedEvents)
        {
            _matches.Clear();
            n += _index.Match(document.RootElement, _matches);
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "1,000 rules, index, parse + match")]
    public int IndexParseAndMatch()
    {
        var n = 0;
        foreach (var utf8 in _mixedUtf8)
        {
            using var document = JsonDocument.Parse(utf8);
            _matches.Clear();
            n += _index.Match(document.RootElement, _matches);
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "1,000 rules, one by one, parsed events")]
    public int EachRuleMatch()
    {
        var n = 0;
        foreach (var document in _mixedEvents)
        {
            foreach (var rule in _rules)
            {
                n += rule.Matches(document) ? 1 : 0;
            }
        }

        return n;
    }

    /// <summary>How many of the batch's events match at least one of the 1,000 rules, and matches in all (a sanity line).</summary>
    public (int EventsMatched, int Matches) Coverage()
    {
        var events = 0;
        var total = 0;
        foreach (var document in _mixedEvents)
        {
            _matches.Clear();
            var n = _index.Match(document.RootElement, _matches);
            events += n > 0 ? 1 : 0;
            total += n;
        }

        return (events, total);
    }

    private const string OneRule = """
        {"source":["aws.ecs"],"detail-type":["ECS Task State Change"],
         "detail":{"lastStatus":["STOPPED"],"group":[{"prefix":"service:"}],"clusterArn":[{"wildcard":"arn:aws:ecs:*:cluster/prod-*"}],
                   "containers":{"exitCode":[{"anything-but":0}]}}}
        """;

    private static readonly string[] Statuses = ["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "STOPPED"];
    private static readonly string[] Clusters = ["prod-a", "prod-b", "staging", "dev"];
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "eu-central-1"];

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string Source(int i) => i switch
    {
        0 => "aws.ecs",
        1 => "aws.s3",
        2 => "aws.ec2",
        _ => $"com.example.service{i}",
    };

    private static string DetailType(int source, int i) => source switch
    {
        0 => i switch { 0 => "ECS Task State Change", 1 => "ECS Service Action", 2 => "ECS Deployment State Change", _ => $"ECS Other {i}" },
        1 => i == 0 ? "Object Created" : $"Object Event {i}",
        _ => $"Service{source} Event{i}",
    };

    private static string EcsTaskEvent(Random random) => $$"""
        {"version":"0","id":"{{Guid.NewGuid()}}","detail-type":"ECS Task State Change","source":"aws.ecs","account":"123456789012",
         "time":"2026-12-07T00:00:00Z","region":"{{Pick(random, Regions)}}","resources":["arn:aws:ecs:us-east-1:123456789012:task/prod-a/{{random.Next()}}"],
         "detail":{"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/{{Pick(random, Clusters)}}","group":"{{(random.Next(2) == 0 ? "service:web" : "family:batch")}}",
                   "lastStatus":"{{Pick(random, Statuses)}}","desiredStatus":"STOPPED","stopCode":"EssentialContainerExited",
                   "containers":[{"name":"web","lastStatus":"STOPPED","exitCode":{{random.Next(3)}}},{"name":"envoy","lastStatus":"STOPPED","exitCode":0}],
                   "version":{{random.Next(1, 9)}}} }
        """;

    private static string Event(Random random)
    {
        var source = random.Next(40);
        var type = random.Next(5);
        var detail = string.Create(CultureInfo.InvariantCulture, $$"""
            {"lastStatus":"{{Pick(random, Statuses)}}","group":"service:svc{{random.Next(20)}}","size":{{random.Next(2000)}},
             "key":"incoming/{{random.Next(10)}}/file{{random.Next(100)}}.csv","ip":"10.0.{{random.Next(4)}}.{{random.Next(256)}}",
             "containers":[{"name":"app","exitCode":{{random.Next(3)}}},{"name":"sidecar","exitCode":0}],
             "tags":["t{{random.Next(10)}}","t{{random.Next(10)}}"],"owner":{"team":"team{{random.Next(8)}}","tier":{{random.Next(3)}}} }
            """);
        return $$"""
            {"version":"0","id":"{{Guid.NewGuid()}}","detail-type":"{{DetailType(source, type)}}","source":"{{Source(source)}}","account":"123456789012",
             "time":"2026-12-07T00:00:00Z","region":"{{Pick(random, Regions)}}","resources":["arn:aws:ecs:us-east-1:123456789012:task/prod-a/{{random.Next()}}"],
             "detail":{{detail}}}
            """;
    }

    /// <summary>A rule: mostly exact source and detail-type plus nested detail filters, as users write them.</summary>
    private static string Rule(Random random)
    {
        var source = random.Next(40);
        var head = random.Next(100) switch
        {
            < 70 => $"\"source\":[\"{Source(source)}\"],\"detail-type\":[\"{DetailType(source, random.Next(5))}\"]",
            < 85 => $"\"source\":[\"{Source(source)}\",\"{Source(random.Next(40))}\"]",
            < 97 => $"\"detail-type\":[\"{DetailType(source, random.Next(5))}\",\"{DetailType(source, random.Next(5))}\"]",
            _ => random.Next(2) == 0
                ? "\"source\":[{\"prefix\":\"com.example.service1\"}]"
                : $"\"$or\":[{{\"source\":[\"{Source(source)}\"]}},{{\"region\":[{{\"equals-ignore-case\":\"EU-WEST-1\"}}],\"detail\":{{\"owner\":{{\"team\":[\"team{random.Next(8)}\"]}}}}}}]",
        };
        var detail = random.Next(8) switch
        {
            0 => $"\"lastStatus\":[\"{Pick(random, Statuses)}\"],\"containers\":{{\"exitCode\":[{{\"anything-but\":0}}]}}",
            1 => $"\"key\":[{{\"prefix\":\"incoming/{random.Next(10)}/\"}}],\"size\":[{{\"numeric\":[\">\",{random.Next(1000)},\"<=\",2000]}}]",
            2 => $"\"group\":[{{\"wildcard\":\"service:svc{random.Next(10)}*\"}}],\"lastStatus\":[{{\"anything-but\":[\"PENDING\",\"PROVISIONING\"]}}]",
            3 => $"\"ip\":[{{\"cidr\":\"10.0.{random.Next(4)}.0/24\"}}],\"owner\":{{\"tier\":[{{\"numeric\":[\"<\",2]}}]}}",
            4 => $"\"tags\":[\"t{random.Next(10)}\"],\"owner\":{{\"team\":[{{\"equals-ignore-case\":\"TEAM{random.Next(8)}\"}}]}}",
            5 => $"\"key\":[{{\"suffix\":\".csv\"}}],\"owner\":{{\"missing\":[{{\"exists\":false}}]}}",
            6 => $"\"$or\":[{{\"lastStatus\":[\"STOPPED\"]}},{{\"size\":[{{\"numeric\":[\">=\",1900]}}]}}]",
            _ => $"\"owner\":{{\"team\":[\"team{random.Next(8)}\",\"team{random.Next(8)}\"]}}",
        };
        return $"{{{head},\"detail\":{{{detail}}}}}";
    }
}
