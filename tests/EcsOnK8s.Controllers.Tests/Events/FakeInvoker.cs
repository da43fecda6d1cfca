using System.Collections.Concurrent;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;

namespace EcsOnK8s.Controllers.Tests.Events;

/// <summary>An invoker for http targets whose answers the test scripts: per target id, a function of the attempt.</summary>
internal sealed class FakeInvoker : IEventTargetInvoker
{
    private readonly ConcurrentDictionary<string, Func<TargetInvocation, Task<TargetOutcome>>> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<TargetInvocation> Invocations { get; } = new();

    public void Answer(string targetId, Func<TargetInvocation, Task<TargetOutcome>> answer) => _answers[targetId] = answer;

    public bool Handles(EventRuleTarget target) => target.Http is not null;

    public Task<TargetOutcome> InvokeAsync(TargetInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        return _answers.TryGetValue(invocation.Target.Id!, out var answer) ? answer(invocation) : Task.FromResult(TargetOutcome.Delivered);
    }

    public int AttemptsOf(string targetId) => Invocations.Count(i => i.Target.Id == targetId);
}
