using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.Serialization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Testing.Common;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class EventDispatcherTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 30, TimeSpan.Zero));
    private readonly FakeInvoker _invoker = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<(string Target, bool Delivered)> _completed = new();
    private readonly EventDispatcher _dispatcher;

    public EventDispatcherTests()
    {
        _dispatcher = new EventDispatcher([_invoker], new EventDeliveryOptions { RetryBaseDelay = TimeSpan.FromSeconds(1) }, _time);
        _dispatcher.Start(_stopping.Token);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [Fact]
    public async Task Enqueue_TargetAccepts_DeliveredOnceAndCounted()
    {
        var rule = Rule(Target("a"));

        _dispatcher.Enqueue(rule, Delivery("e1"));

        await Eventually.TrueAsync(() => _completed.Count == 1, "the delivery completed");
        Assert.Equal(("a", true), _completed.Single());
        var status = Assert.Single(_dispatcher.StateOf(rule.Uid).TargetStatuses(["a"]));
        Assert.Equal((1L, 1L, 0L), (status.Matched!.Value, status.Delivered!.Value, status.Failed!.Value));
        Assert.Equal(1, _invoker.AttemptsOf("a"));
    }

    [Fact]
    public async Task Retryable_FailsTwiceThenAccepts_RetriedAfterBackoffAndDelivered()
    {
        var rule = Rule(Target("a"));
        _invoker.Answer("a", i => Task.FromResult(i.Attempt <= 2 ? TargetOutcome.Retry("HTTP 503") : TargetOutcome.Delivered));

        _dispatcher.Enqueue(rule, Delivery("e1"));

        await Eventually.TrueAsync(() => _invoker.AttemptsOf("a") == 1, "the first attempt");
        Assert.Empty(_completed);
        // No retry before the first backoff (at least half of 1 s) has passed.
        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(1, _invoker.AttemptsOf("a"));
        await Eventually.TrueAsync(() => _completed.Count == 1, "delivered after the retries", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(3, _invoker.AttemptsOf("a"));
        Assert.Equal([1, 2, 3], _invoker.Invocations.Select(i => i.Attempt));
        Assert.Equal(("a", true), _completed.Single());
        Assert.Equal("target a: HTTP 503", _dispatcher.StateOf(rule.Uid).LastError);
    }

    [Fact]
    public async Task Retryable_Always_DeadLetterAfterMaximumRetryAttempts()
    {
        var rule = Rule(Target("a", retries: 2));
        _invoker.Answer("a", _ => Task.FromResult(TargetOutcome.Retry("connection refused")));

        _dispatcher.Enqueue(rule, Delivery("e1"));

        await Eventually.TrueAsync(() => _completed.Count == 1, "given up", betweenPolls: () => _time.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal(3, _invoker.AttemptsOf("a"));
        Assert.Equal(("a", false), _completed.Single());
        var letter = Assert.Single(_dispatcher.StateOf(rule.Uid).DeadLetters());
        Assert.Equal(("e1", "a"), (letter.EventId, letter.TargetId));
        Assert.Equal("maximumRetryAttempts (2) exhausted; last error: connection refused", letter.Reason);
        Assert.Equal(1L, _dispatcher.StateOf(rule.Uid).TargetStatuses(["a"]).Single().Failed);
    }

    [Fact]
    public async Task Retryable_PastMaximumEventAge_DeadLetterWithoutFurtherAttempts()
    {
        var rule = Rule(Target("a", maxAgeSeconds: 60));
        _invoker.Answer("a", _ => Task.FromResult(TargetOutcome.Retry("HTTP 500")));

        _dispatcher.Enqueue(rule, Delivery("e1"));

        await Eventually.TrueAsync(() => _completed.Count == 1, "given up", betweenPolls: () => _time.Advance(TimeSpan.FromSeconds(10)));
        Assert.Equal(("a", false), _completed.Single());
        Assert.StartsWith("older than maximumEventAgeInSeconds (60)", _dispatcher.StateOf(rule.Uid).DeadLetters().Single().Reason, StringComparison.Ordinal);
        Assert.InRange(_invoker.AttemptsOf("a"), 2, 8);
    }

    [Fact]
    public async Task Enqueue_EventAlreadyTooOld_DeadLetterWithoutAttempt()
    {
        var rule = Rule(Target("a", maxAgeSeconds: 60));

        _dispatcher.Enqueue(rule, Delivery("old", ingestedAt: _time.GetUtcNow().AddMinutes(-2)));

        await Eventually.TrueAsync(() => _completed.Count == 1, "given up");
        Assert.Equal(0, _invoker.AttemptsOf("a"));
        Assert.Equal(("a", false), _completed.Single());
    }

    [Theory]
    [InlineData("permanent")]
    [InlineData("no invoker")]
    public async Task Permanent_OrNoInvoker_DeadLetterAtOnce(string kind)
    {
        var target = kind == "no invoker" ? new EventRuleTarget { Id = "a", EcsTask = new EcsTaskTarget { TaskDefinition = "x" } } : Target("a");
        var rule = Rule(target);
        _invoker.Answer("a", _ => Task.FromResult(TargetOutcome.Fail("HTTP 404")));

        _dispatcher.Enqueue(rule, Delivery("e1"));

        await Eventually.TrueAsync(() => _completed.Count == 1, "given up");
        var reason = _dispatcher.StateOf(rule.Uid).DeadLetters().Single().Reason;
        Assert.Equal(kind == "permanent" ? "HTTP 404" : "no invoker delivers to this kind of target in this operator", reason);
        Assert.Equal(kind == "permanent" ? 1 : 0, _invoker.AttemptsOf("a"));
    }

    [Fact]
    public async Task Cap_MoreEventsThanTheMinuteAllows_RestAreDeadLettersUntilTheNextMinute()
    {
        var rule = Rule(Target("a"), cap: 2);

        for (var i = 0; i < 3; i++)
        {
            _dispatcher.Enqueue(rule, Delivery($"e{i}"));
        }

        await Eventually.TrueAsync(() => _completed.Count == 3, "all three done");
        Assert.Equal([true, true, false], _completed.Select(c => c.Delivered));
        var state = _dispatcher.StateOf(rule.Uid);
        Assert.Equal("the rule's cap of 2 invocations per minute is reached", state.DeadLetters().Single().Reason);
        Assert.NotNull(state.CapReachedAt);

        _time.Advance(TimeSpan.FromMinutes(1));
        _dispatcher.Enqueue(rule, Delivery("e3"));
        await Eventually.TrueAsync(() => _completed.Count == 4, "the next minute's event");
        Assert.True(_completed.Last().Delivered);
    }

    [Fact]
    public async Task SlowTarget_NeverAnswers_OtherTargetStillDelivered()
    {
        var rule = Rule(Target("slow"), Target("fast"));
        var never = new TaskCompletionSource<TargetOutcome>();
        _invoker.Answer("slow", _ => never.Task);

        _dispatcher.Enqueue(rule, Delivery("e1"));
        _dispatcher.Enqueue(rule, Delivery("e2"));

        await Eventually.TrueAsync(() => _completed.Count(c => c.Target == "fast") == 2, "the fast target's two events");
        Assert.DoesNotContain(_completed, c => c.Target == "slow");
        Assert.Equal(1, _invoker.AttemptsOf("slow"));
        Assert.Equal(2, _dispatcher.Pending);
        never.SetResult(TargetOutcome.Delivered);
        await Eventually.TrueAsync(() => _completed.Count(c => c.Target == "slow") == 2, "the slow target's two events, in order");
        Assert.Equal(["e1", "e2"], _invoker.Invocations.Where(i => i.Target.Id == "slow").Select(i => i.Event.Id));
    }

    [Fact]
    public async Task DeadLetters_MoreThanTwenty_NewestTwentyNewestFirst()
    {
        var rule = Rule(Target("a"));
        _invoker.Answer("a", _ => Task.FromResult(TargetOutcome.Fail("HTTP 400")));

        for (var i = 0; i < 25; i++)
        {
            _dispatcher.Enqueue(rule, Delivery($"e{i}"));
        }

        await Eventually.TrueAsync(() => _completed.Count == 25, "all given up");
        var letters = _dispatcher.StateOf(rule.Uid).DeadLetters();
        Assert.Equal(20, letters.Count);
        Assert.Equal("e24", letters[0].EventId);
        Assert.Equal("e5", letters[^1].EventId);
        Assert.Equal(25L, _dispatcher.StateOf(rule.Uid).TargetStatuses(["a"]).Single().Failed);
    }

    [Fact]
    public void StateOf_SeededFromStatus_CountsContinue()
    {
        var state = _dispatcher.StateOf("uid-seeded");
        state.Seed(new EcsEventRuleStatus { Targets = [new EventRuleTargetStatus { Id = "a", Matched = 5, Delivered = 4, Failed = 1 }] });
        state.Seed(new EcsEventRuleStatus { Targets = [new EventRuleTargetStatus { Id = "a", Matched = 100 }] });

        state.Matched("a");

        Assert.Equal((6L, 4L, 1L), state.TargetStatuses(["a"]).Select(s => (s.Matched!.Value, s.Delivered!.Value, s.Failed!.Value)).Single());
    }

    [Fact]
    public void TryReport_DeadLetterFlood_OneEventASecondAndOneCapEventAMinute()
    {
        var state = new RuleDeliveryState();
        var now = _time.GetUtcNow();

        Assert.Equal(
            [true, false, true, true, false, true],
            [
                state.TryReport(now, capped: false), state.TryReport(now.AddMilliseconds(500), capped: false), state.TryReport(now.AddSeconds(1), capped: false),
                state.TryReport(now, capped: true), state.TryReport(now.AddSeconds(59), capped: true), state.TryReport(now.AddSeconds(60), capped: true),
            ]);
    }

    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(2, 0.0, 2000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(3, 1.0, 2000)]
    [InlineData(3, 0.5, 3000)]
    [InlineData(20, 0.0, 300_000)]
    [InlineData(185, 0.0, 300_000)]
    public void RetryDelay_Table_ExponentialCappedWithJitterUpToHalf(int attempt, double random, int expectedMilliseconds)
    {
        var delay = EventDispatcher.RetryDelay(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    private EventDelivery Delivery(string id, DateTimeOffset? ingestedAt = null) =>
        new(new AwsEvent
        {
            Id = id,
            DetailType = EcsDetailTypes.TaskStateChange,
            Source = EcsDetailTypes.Source,
            Account = "000000000000",
            Region = "local",
            Time = _time.GetUtcNow(),
        }, ingestedAt ?? _time.GetUtcNow(), (target, delivered) => _completed.Enqueue((target, delivered)));

    private static EventRuleTarget Target(string id, int? retries = null, int? maxAgeSeconds = null) => new()
    {
        Id = id,
        Http = new HttpTarget { Url = "http://127.0.0.1:1/" },
        RetryPolicy = retries is null && maxAgeSeconds is null ? null : new RetryPolicy { MaximumRetryAttempts = retries, MaximumEventAgeInSeconds = maxAgeSeconds },
    };

    private static CompiledRule Rule(params EventRuleTarget[] targets) => Rule(targets, null);

    private static CompiledRule Rule(EventRuleTarget target, int cap) => Rule([target], cap);

    private static CompiledRule Rule(EventRuleTarget[] targets, int? cap)
    {
        var rule = new EcsEventRule
        {
            Metadata = new V1ObjectMeta { Name = "r", NamespaceProperty = "ns", Uid = Guid.NewGuid().ToString(), Generation = 1 },
            Spec = new EcsEventRuleSpec
            {
                EventPattern = new FreeFormJson(new JsonObject { ["source"] = new JsonArray("aws.ecs") }),
                Targets = [.. targets],
                MaxInvocationsPerMinute = cap,
            },
        };
        var (compiled, errors) = EventRuleCompiler.Compile(rule, new EventDeliveryOptions());
        Assert.True(compiled is not null, string.Join("; ", errors));
        return compiled;
    }
}
