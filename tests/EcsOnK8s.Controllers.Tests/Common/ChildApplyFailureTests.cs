using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Controllers.Tests.Common;

/// <summary>A refused child waits for a change (no retry loop); any other failed apply is retried, and both say why.</summary>
public class ChildApplyFailureTests
{
    [Fact]
    public void Outcome_Refused_KeepsTheTerminalResultOfTheReport()
    {
        var failure = new ChildApplyFailure("Deployment", "web", "spec.selector: field is immutable", Refused: true);
        var reported = ReconcileResult.TerminalError(failure.Reason);

        Assert.Same(reported, RenderedChildren.Outcome(failure, reported));
        Assert.Equal(ConditionReasons.ChildRejected, failure.Reason);
        Assert.Equal("the API server refused Deployment web: spec.selector: field is immutable", failure.Message);
    }

    [Fact]
    public void Outcome_OtherFailure_RetriedWithTheMessage()
    {
        var failure = new ChildApplyFailure("Job", "run-1", "etcdserver: request timed out", Refused: false);

        var outcome = RenderedChildren.Outcome(failure, ReconcileResult.Done);

        Assert.Equal(ReconcileOutcome.TransientError, outcome.Outcome);
        Assert.Contains("etcdserver: request timed out", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionReasons.ApplyFailed, failure.Reason);
    }
}
