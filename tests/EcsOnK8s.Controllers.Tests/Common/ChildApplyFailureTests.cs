using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Controllers.Tests.Common;

/// <summary>
/// A refused child waits for a change (no retry loop), a held name is checked again later, any other failed apply is
/// retried; each says why.
/// </summary>
public class ChildApplyFailureTests
{
    [Fact]
    public void Outcome_Refused_KeepsTheTerminalResultOfTheReport()
    {
        var failure = new ChildApplyFailure("Deployment", "web", "spec.selector: field is immutable", ChildApplyFailureKind.Refused);
        var reported = ReconcileResult.TerminalError(failure.Reason);

        Assert.Same(reported, RenderedChildren.Outcome(failure, reported));
        Assert.Equal(ConditionReasons.ChildRejected, failure.Reason);
        Assert.Equal("the API server refused Deployment web: spec.selector: field is immutable", failure.Message);
    }

    [Fact]
    public void Outcome_OtherFailure_RetriedWithTheMessage()
    {
        var failure = new ChildApplyFailure("Job", "run-1", "etcdserver: request timed out", ChildApplyFailureKind.Failed);

        var outcome = RenderedChildren.Outcome(failure, ReconcileResult.Done);

        Assert.Equal(ReconcileOutcome.TransientError, outcome.Outcome);
        Assert.Contains("etcdserver: request timed out", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionReasons.ApplyFailed, failure.Reason);
    }

    [Fact]
    public void Outcome_NameConflict_DegradedAndCheckedAgainLater()
    {
        var failure = new ChildApplyFailure("Deployment", "victim-fargate", "Deployment victim-fargate is held by EcsService victim", ChildApplyFailureKind.NameConflict);

        var outcome = RenderedChildren.Outcome(failure, ReconcileResult.TerminalError(failure.Reason));

        Assert.Equal(ReconcileOutcome.RequeueAfter, outcome.Outcome);
        Assert.Equal(RenderedChildren.ConflictRecheck, outcome.Delay);
        Assert.True(failure.Degrades);
        Assert.Equal(ConditionReasons.ChildNameConflict, failure.Reason);
        Assert.Equal("Deployment victim-fargate is held by EcsService victim", failure.Message);
    }

    [Fact]
    public void Degrades_OnlyForWhatTheSpecCauses()
    {
        Assert.True(new ChildApplyFailure("Job", "a", "x", ChildApplyFailureKind.Refused).Degrades);
        Assert.False(new ChildApplyFailure("Job", "a", "x", ChildApplyFailureKind.Failed).Degrades);
    }
}
