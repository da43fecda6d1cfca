using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// Acto's undesired states: mutated specs of the five kinds (a seeded table: <see cref="SpecMutation"/>), each created
/// while a valid sentinel service keeps being scaled. Each mutated object is refused by the API server with a message
/// or gets a status from the operator within 15 s (a condition naming the field when it is refused, counted); the
/// operator never exits; reverted to the valid spec, it is healthy again within 30 s; the sentinel's changes are not
/// delayed (latency before and during, measured).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SpecFuzzTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 17;
    private const int Batch = 20;
    private int _scaled;
    private static readonly TimeSpan VerdictTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MutatedSpecs_RefusedOrReportedAndRecoverAndNeverCrashTheOperator()
    {
        var ns = await fixture.CreateNamespaceAsync("fuzz");
        var ecs = new EcsClient(fixture.Client);
        await CrashFlow.CreateAsync<EcsCluster>(ecs, ns, Host.MinimalService.Cluster);
        await CrashFlow.CreateAsync<EcsTaskDefinition>(ecs, ns, Host.MinimalService.TaskDefinition);
        await CrashFlow.CreateAsync<EcsService>(ecs, ns, Host.MinimalService.Service("sentinel"));
        await using var op = await ProxiedOperator.StartAsync(fixture, "fuzz", "--namespaces", ns, "--leader-election", "false");
        await op.IdleAsync(Recovery);

        var baseline = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            baseline.Add(await SentinelLatencyAsync(ecs, ns));
        }

        // Raw JSON both ways, through a proxy of the test's own: the typed client would refuse to write or read the
        // deeply nested specs (its JSON depth limit is 64) before the API server or the operator ever saw them.
        await using var raw = await ApiServerProxy.StartAsync(fixture.Config);
        using var http = new HttpClient { BaseAddress = raw.Address, Timeout = TimeSpan.FromSeconds(30) };
        var mutations = SpecMutation.Generate(fixture.Full ? 500 : 40, Seed);
        var outcomes = new List<Outcome>();
        var during = new List<double>();
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in mutations.Chunk(Batch))
        {
            var judging = Task.WhenAll(batch.Select(m => JudgeAsync(http, ns, m)));
            var sentinel = SentinelLatencyAsync(ecs, ns);
            outcomes.AddRange(await judging);
            during.Add(await sentinel);
            Assert.False(op.Process.HasExited, $"the operator exited during batch {outcomes.Count / Batch}:\n{op.Process.Tail()}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var refused = outcomes.Count(o => o.Verdict == Verdict.RefusedByApiServer);
        var named = outcomes.Count(o => o.Verdict == Verdict.ConditionNamingField);
        var unnamed = outcomes.Where(o => o.Verdict == Verdict.ConditionNotNamingField).ToList();
        var accepted = outcomes.Where(o => o.Verdict == Verdict.Accepted).ToList();
        var failed = outcomes.Where(o => o.Verdict == Verdict.Failed).ToList();
        ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture,
            $"spec-fuzz cases={outcomes.Count} seed={Seed} refused_by_apiserver={refused} condition_naming_field={named} condition_not_naming_field={unnamed.Count} accepted_as_valid={accepted.Count} failed={failed.Count} seconds={elapsed.TotalSeconds:F0} sentinel_ms_before_p50={Percentile(baseline, 0.5):F0} sentinel_ms_during_p50={Percentile(during, 0.5):F0} sentinel_ms_during_max={during.Max():F0} operator_exited={op.Process.HasExited}"));
        foreach (var o in unnamed.Concat(accepted))
        {
            output.WriteLine($"  {o.Verdict}: {o.Mutation} -> {o.Detail}");
        }

        Assert.False(op.Process.HasExited);
        Assert.True(failed.Count == 0, $"{failed.Count} cases failed:\n{string.Join('\n', failed.Select(f => $"{f.Mutation}: {f.Detail}"))}");
        Assert.True(during.Max() <= VerdictTimeout.TotalMilliseconds, $"the sentinel waited {during.Max():F0} ms for its change during the fuzzing");
    }

    private static async Task<Outcome> JudgeAsync(HttpClient http, string ns, SpecMutation mutation)
    {
        var name = $"fuzz-{mutation.Number}";
        var collection = $"apis/{EcsApi.Group}/{EcsApi.Version}/namespaces/{ns}/{mutation.Plural}";
        var body = new JsonObject
        {
            ["apiVersion"] = EcsApi.ApiVersion,
            ["kind"] = mutation.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = mutation.Spec.DeepClone(),
        };
        using (var created = await http.PostAsync(collection, Json(body.ToJsonString(), "application/json")))
        {
            if ((int)created.StatusCode is >= 400 and < 500)
            {
                var answer = await created.Content.ReadAsStringAsync();
                return answer.Contains("\"message\"", StringComparison.Ordinal)
                    ? new Outcome(mutation, Verdict.RefusedByApiServer, $"{(int)created.StatusCode}")
                    : new Outcome(mutation, Verdict.Failed, $"refused without a message: {(int)created.StatusCode}");
            }

            if (!created.IsSuccessStatusCode)
            {
                return new Outcome(mutation, Verdict.Failed, $"create answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            }
        }

        try
        {
            var (verdict, detail) = await StatusVerdictAsync(http, $"{collection}/{name}", mutation);
            if (verdict == Verdict.Failed)
            {
                return new Outcome(mutation, verdict, detail);
            }

            // Back to the valid spec: healthy (its status observes the new generation, nothing degraded) within 30 s.
            var revert = $$"""[{"op":"replace","path":"/spec","value":{{mutation.ValidSpec.ToJsonString()}}}]""";
            using (var patched = await http.PatchAsync($"{collection}/{name}", Json(revert, "application/json-patch+json")))
            {
                if (!patched.IsSuccessStatusCode)
                {
                    return new Outcome(mutation, Verdict.Failed, $"the revert answered {(int)patched.StatusCode}: {await patched.Content.ReadAsStringAsync()}");
                }
            }

            JsonElement last = default;
            var healthy = await Eventually.HoldsAsync(async () =>
            {
                last = await GetAsync(http, $"{collection}/{name}");
                return Observed(last) && !Degraded(last, out _);
            }, Recovery, poll: TimeSpan.FromMilliseconds(250));
            return healthy
                ? new Outcome(mutation, verdict, detail)
                : new Outcome(mutation, Verdict.Failed, $"not healthy {Recovery} after the revert: {Status(last)}");
        }
        finally
        {
            using var deleted = await http.DeleteAsync($"{collection}/{name}");
        }
    }

    private static StringContent Json(string text, string mediaType) => new(text, System.Text.Encoding.UTF8, mediaType);

    private static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        var text = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4096 });
        return document.RootElement.Clone();
    }

    private static async Task<(Verdict, string)> StatusVerdictAsync(HttpClient http, string path, SpecMutation mutation)
    {
        // Settled: a status for the generation that is Degraded, or that the pure validators agree with, or that
        // waits for a reference to nothing. A first status may come before the verdict (e.g. while the task
        // definition registers), so a disagreement is judged only when it lasts.
        JsonElement last = default;
        string? refusal = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = await GetAsync(http, path);
            if (!Observed(last))
            {
                return false;
            }

            if (Degraded(last, out _))
            {
                return true;
            }

            refusal = SpecOracle.Refusal(mutation, last);
            return refusal is null || (refusal.Contains(SpecOracle.NamesNothing, StringComparison.Ordinal) && NotReady(last, out _));
        }, VerdictTimeout, poll: TimeSpan.FromMilliseconds(250));
        if (!Observed(last))
        {
            return (Verdict.Failed, $"no status for the generation within {VerdictTimeout}: {Status(last)}");
        }

        if (Degraded(last, out var message))
        {
            return NamesField(message, mutation) ? (Verdict.ConditionNamingField, message)
                : Allowance(mutation) is { } reason ? (Verdict.ConditionNotNamingField, $"{message} (allowed: {reason})")
                : (Verdict.Failed, $"the condition does not name {mutation.Path}: {message}");
        }

        if (refusal is null)
        {
            return (Verdict.Accepted, Status(last));
        }

        // A reference to nothing is not an error to the operator: it waits for the object to appear (Ready=False),
        // as Kubernetes controllers do, naming the field or quoting the name the user wrote.
        if (refusal.Contains(SpecOracle.NamesNothing, StringComparison.Ordinal) && NotReady(last, out var waiting))
        {
            var value = SpecOracle.Value(mutation, last);
            return NamesField(waiting, mutation) || (value is { Length: > 0 } && waiting.Contains(value, StringComparison.Ordinal))
                ? (Verdict.ConditionNamingField, waiting.Length > 300 ? waiting[..300] + "…" : waiting)
                : (Verdict.Failed, $"waits without naming {mutation.Path}: {waiting}");
        }

        return (Verdict.Failed, $"accepted by the operator for {VerdictTimeout}, refused by the translation: {refusal}; status: {Status(last)}");
    }

    /// <summary>
    /// Whether <paramref name="message"/> names the mutated field: its name (any case, as ECS spells its fields in
    /// PascalCase and the CRD in camelCase) or a path from <c>spec.</c> down to it or to one of its parents below
    /// <c>spec</c> (a list refused as a whole names the list).
    /// </summary>
    internal static bool NamesField(string message, SpecMutation mutation)
    {
        if (message.Contains(mutation.Field, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var path = mutation.Path;
        for (var end = path.Length; end > "spec.".Length; end = path.LastIndexOfAny(['.', '['], end - 1))
        {
            if (message.Contains(path[..end], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refusals that may name another field than the mutated one, each with the reason (docs/reliability.md).</summary>
    private static string? Allowance(SpecMutation mutation) =>
        mutation.Kind is "EcsTask" && mutation.Path.StartsWith("spec.overrides.containerOverrides[", StringComparison.Ordinal) && mutation.Path.EndsWith("].name", StringComparison.Ordinal)
            ? "an override of a container the task definition lacks is refused on its name and on each of its fields; the condition shows the first in path order (.command before .name)"
            : null;

    /// <summary>The status speaks of the current generation (top-level observedGeneration, or its conditions').</summary>
    private static bool Observed(JsonElement resource)
    {
        var generation = resource.GetProperty("metadata").TryGetProperty("generation", out var g) ? g.GetInt64() : 1;
        if (!resource.TryGetProperty("status", out var status))
        {
            return false;
        }

        if (status.TryGetProperty("observedGeneration", out var observed) && observed.ValueKind == JsonValueKind.Number)
        {
            return observed.GetInt64() == generation;
        }

        return status.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array
            && conditions.EnumerateArray().Any(c => c.TryGetProperty("observedGeneration", out var o) && o.ValueKind == JsonValueKind.Number && o.GetInt64() == generation);
    }

    /// <summary>A condition that reports a problem: Degraded=True, or Ready=False for a reason other than a rollout or a schedule.</summary>
    private static bool Degraded(JsonElement resource, out string message)
    {
        message = string.Empty;
        if (!resource.TryGetProperty("status", out var status) || !status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var c in conditions.EnumerateArray())
        {
            var type = c.TryGetProperty("type", out var t) ? t.GetString() : null;
            var value = c.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (type == ConditionTypes.Degraded && value == "True")
            {
                message = $"{(c.TryGetProperty("reason", out var r) ? r.GetString() : null)}: {(c.TryGetProperty("message", out var m) ? m.GetString() : null)}";
                return true;
            }
        }

        return false;
    }

    /// <summary>A Ready=False condition (the operator waits for something), with its reason and message.</summary>
    private static bool NotReady(JsonElement resource, out string message)
    {
        message = string.Empty;
        if (!resource.TryGetProperty("status", out var status) || !status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var c in conditions.EnumerateArray())
        {
            if (c.TryGetProperty("type", out var t) && t.GetString() == ConditionTypes.Ready && c.TryGetProperty("status", out var s) && s.GetString() == "False")
            {
                message = $"{(c.TryGetProperty("reason", out var r) ? r.GetString() : null)}: {(c.TryGetProperty("message", out var m) ? m.GetString() : null)}";
                return true;
            }
        }

        return false;
    }

    private static string Status(JsonElement resource) =>
        resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("status", out var status) ? status.GetRawText() : "(none)";

    /// <summary>Scales the sentinel and times until its Deployment follows, in ms.</summary>
    private async Task<double> SentinelLatencyAsync(EcsClient ecs, string ns)
    {
        var replicas = 2 + (_scaled++ % 2);
        var started = Stopwatch.GetTimestamp();
        await ecs.PatchAsync<EcsService>(ns, "sentinel", new { spec = new { desiredCount = replicas } });
        await Eventually.ValueAsync(
            async () => (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("sentinel", ns)).Spec.Replicas,
            r => r == replicas,
            $"the sentinel at {replicas}",
            Recovery,
            poll: TimeSpan.FromMilliseconds(50));
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];
    }

    private enum Verdict
    {
        RefusedByApiServer,
        ConditionNamingField,
        ConditionNotNamingField,
        Accepted,
        Failed,
    }

    private sealed record Outcome(SpecMutation Mutation, Verdict Verdict, string Detail);
}
