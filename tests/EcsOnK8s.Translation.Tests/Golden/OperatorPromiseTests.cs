using System.Text.RegularExpressions;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Golden;

/// <summary>
/// The report never claims what nothing does. A reason that says what "the operator" does at run time is a promise;
/// every promise, in the golden corpus's reports and in the translation's source, must match an entry of
/// <see cref="Promises"/>, and every entry names the tests that prove the behaviour, which must exist as test methods.
/// A new promise therefore needs a catalogue entry, and an entry needs tests, before this passes.
/// </summary>
public partial class OperatorPromiseTests
{
    private const string Controllers = "EcsOnK8s.Controllers.Tests.";
    private const string Integration = "EcsOnK8s.IntegrationTests.";
    private const string Translation = "EcsOnK8s.Translation.Tests.";

    /// <summary>What the operator promises (a pattern over the reason) and the tests (Namespace.Class.Method) that back it.</summary>
    public static readonly IReadOnlyList<(string Pattern, string[] Tests)> Promises =
    [
        ("the operator stops the task when it exits", [
            Controllers + "Services.EssentialContainerTests.ReconcileAsync_EssentialContainerExited_StopsThatTaskOnlyAndSaysSo",
            Controllers + "Tasks.TaskStatusCalculatorTests.Task_EssentialContainerExitedWhileSidecarRuns_StoppedWithExitCode"]),
        ("split over the capacity providers; the operator owns them", [
            Controllers + "Services.ServiceReconcilerTests.ReconcileAsync_RegisteredRevision_AppliesItsDeploymentPrunesAndReportsTheRevision",
            Integration + "Operator.ServiceReconcileTests.ScaleSubresource_DesiredCountChanged_DeploymentReplicasFollow"]),
        ("rolling updates by the Deployment controller and the operator", [
            Integration + "Operator.ServiceReconcileTests.TaskDefinitionChange_NewRevision_RollsOutServicesOnLatestOnly"]),
        ("the operator marks a stalled or crash-looping rollout FAILED", [
            Controllers + "Services.ServiceStatusCalculatorTests.Compute_ProgressDeadlineExceededWithCircuitBreaker_FailedAndEvent",
            Controllers + "Services.ServiceStatusCalculatorTests.Compute_FailedTasksReachThreshold_Failed",
            Integration + "Operator.EndToEndTests.StalledRollout_CircuitBreakerWithRollback_FailsAndReturnsToLastCompleted"]),
        ("the operator rolls a FAILED rollout back to the last COMPLETED revision", [
            Controllers + "Services.ServiceStatusCalculatorTests.RevisionChoice_FailedRevisionWithRollback_ReturnsToLastCompleted",
            Integration + "Operator.EndToEndTests.StalledRollout_CircuitBreakerWithRollback_FailsAndReturnsToLastCompleted"]),
        ("the operator (\\{effect\\}|sets the HPA's minReplicas/maxReplicas to the bounds the action sets|clamps desiredCount into the bounds the action sets|sets the ScaledObject's minReplicaCount/maxReplicaCount to the bounds the action sets \\(KEDA updates its HPA\\)) at the scheduled times", [
            Translation + "Workloads.KedaScalingTests.Render_ScheduledActionRan_ScaledObjectHoldsTheBoundsInForce",
            Translation + "Workloads.ScheduledScalingTests.Evaluate_TwoActions_LatestWinsFieldByField",
            Translation + "Workloads.ScheduledScalingRenderTests.Render_DynamicPolicyAndAnActionThatRan_HpaHoldsTheBoundsInForce",
            Translation + "Workloads.ScheduledScalingRenderTests.Render_NoDynamicPolicy_NoHpaAndReplicasClampedIntoTheBoundsInForce",
            Controllers + "Services.ScheduledScalingReconcileTests.ReconcileAsync_ActionRan_HpaHoldsItsBoundsStatusSaysLastAndNextRequeuedForTheNext",
            Controllers + "Services.ScheduledScalingReconcileTests.ReconcileAsync_NoDynamicPolicy_NoHpaAndReplicasClampedIntoTheBoundsInForce",
            Integration + "Operator.ScheduledScalingTests.ScheduledActions_AtTheirTimes_SetTheHpaBoundsAndTheNextSetsThemBack"]),
        ("KEDA owns the service's HPA, the operator renders none", [
            Translation + "Workloads.KedaScalingTests.Render_KedaInstalled_OneScaledObjectOnTheEcsServiceAndNoHpa",
            Controllers + "Services.KedaReconcileTests.ReconcileAsync_KedaInstalled_AppliesTheScaledObjectAndPrunesTheHpa",
            Integration + "Operator.KedaIntegrationTests.KedaCrdsInstalledThenRemoved_ScaledObjectReplacesTheHpaAndTheHpaComesBack"]),
        ("when true the operator runs no scheduled action: the registered bounds hold", [
            Translation + "Workloads.ScheduledScalingTests.Evaluate_ScheduledScalingSuspended_RegisteredBoundsAndNothingNext",
            Translation + "Workloads.ScheduledScalingRenderTests.Render_ScheduledScalingSuspended_RegisteredBoundsHold"]),
        ("the operator (creates each run's Job at its fire time|runs it exactly|starts the runs$)", [
            Translation + "Workloads.ScheduledTaskModeTests.Render_InTheOperator_CronJobOnlyWhereExactElseARunTemplate",
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_FireTimeDue_CreatesOneJobNamedAfterTheFireTimeAndWritesNothingElse",
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_SecondPassAndRestart_NeverASecondJobForTheFireTime",
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_DownLongerThanTheCatchUpWindow_LatestDueRunsOnceOlderCountedAsMissed",
            Integration + "Operator.ScheduledRunTests.Schedule_AtShortlyAhead_ExactlyOneJobAtThatTime",
            Integration + "Operator.ScheduledRunTests.Schedule_LastDayOfMonth_OperatorTimedWithTheNextFireTime",
            Integration + "Operator.ScheduledRunTests.OperatorKilledRightAfterAFireTime_Restarted_ExactlyOneJobPerFireTime",
            Integration + "Operator.ScheduledRunEndToEndTests.OperatorTimedRun_OnHollowNodes_TasksRunAndTheirStatusIsTheSchedules"]),
        ("the operator evaluates the schedule in .*, with EventBridge Scheduler's daylight-saving rules", [
            Translation + "Schedules.AwsScheduleTests.NextAfter_DaylightSaving",
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_InvalidTimeZone_DegradedWithTheFieldPath"]),
        ("the operator starts no run before it", [
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_BeforeTheStartDate_NoRunAndTheFirstFireTimeIsNext"]),
        ("the operator starts no run after it and then reports the schedule Ended", [
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_AfterTheEndDate_NoRunAndEnded"]),
        ("the operator starts no run while the schedule is DISABLED", [
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_Disabled_NoRunAndNoNextFireTime",
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_EnabledAgain_FireTimesWhileDisabledNeitherRunNorMissed"]),
        ("the operator starts each run at an offset within .* after its fire time", [
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.FlexibleOffset_SameInputs_SameOffsetWithinTheWindowAndBeforeTheNextFireTime",
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_FlexibleWindow_JobCreatedAtTheOffsetNamedByTheNominalFireTime"]),
        ("the operator deletes the EcsScheduledTask once no fire time is left and its last run has finished", [
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_DeleteAfterCompletion_DeletedOnceTheLastRunHasFinished",
            Integration + "Operator.ScheduledRunTests.Schedule_DeleteAfterCompletion_ScheduleRemovedOnceItsRunFinished"]),
        ("a run the operator cannot start within this age of its fire time is dropped", [
            Controllers + "ScheduledTasks.OperatorTimedScheduleTests.ReconcileAsync_OlderThanTheMaximumEventAge_DroppedAndRecorded"]),
    ];

    [Fact]
    public void EveryPromiseInTheGoldenReports_IsInTheCatalogue()
    {
        var reasons = Directory.EnumerateFiles(RepositoryPaths.GoldenCases, "report*.txt", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => ReportLine().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["reason"].Value)
            .ToList();

        Assert.True(reasons.Count > 1000, $"only {reasons.Count} report reasons read: the golden layout changed");
        AssertAllCatalogued(reasons.Where(IsPromise).Distinct(), "golden report");
    }

    [Fact]
    public void EveryPromiseTheTranslationCanWrite_IsInTheCatalogue()
    {
        var literals = SourceFiles("operator", "EcsOnK8s.Translation")
            .SelectMany(f => StringLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups["text"].Value))
            .Where(IsPromise)
            .Distinct()
            .ToList();

        Assert.NotEmpty(literals);
        AssertAllCatalogued(literals, "translation source");
    }

    [Fact]
    public void EveryCatalogueEntry_IsStillWrittenAndNamesTestsThatExist()
    {
        var sources = SourceFiles("tests")
            .ToDictionary(f => f, File.ReadAllText);
        var translation = string.Join('\n', SourceFiles("operator", "EcsOnK8s.Translation").Select(File.ReadAllText));
        var missing = new List<string>();
        foreach (var (pattern, tests) in Promises)
        {
            if (!Regex.IsMatch(translation, pattern))
            {
                missing.Add($"'{pattern}': no reason of the translation says this any more; remove the entry");
            }

            if (tests.Length == 0)
            {
                missing.Add($"'{pattern}': names no test");
            }

            missing.AddRange(tests.Where(t => !TestExists(sources, t)).Select(t => $"'{pattern}': no test method {t}"));
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    /// <summary>The C# files below a repository folder, without build output (obj/ holds generated copies).</summary>
    private static IEnumerable<string> SourceFiles(params string[] folder) =>
        Directory.EnumerateFiles(RepositoryRoot.Combine(folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static bool IsPromise(string reason) => PromiseWords().IsMatch(reason);

    private static void AssertAllCatalogued(IEnumerable<string> promises, string where)
    {
        var unbacked = promises.Where(p => !Promises.Any(entry => Regex.IsMatch(p, entry.Pattern))).ToList();
        Assert.True(unbacked.Count == 0, $"promises in the {where} with no catalogue entry (add the behaviour, its tests and an entry, or reword the reason):\n" + string.Join('\n', unbacked));
    }

    /// <summary>A [Fact] or [Theory] method of that name in a file that declares that class in that namespace.</summary>
    private static bool TestExists(Dictionary<string, string> sources, string test)
    {
        var parts = test.Split('.');
        var (method, type, ns) = (parts[^1], parts[^2], string.Join('.', parts[..^2]));
        return sources.Values.Any(text =>
            text.Contains($"namespace {ns};", StringComparison.Ordinal)
            && Regex.IsMatch(text, $@"\bclass {type}\b")
            && Regex.Match(text, $@"public (async Task|void) {method}\(") is { Success: true } declaration
            && IsTest(text[..declaration.Index]));
    }

    /// <summary>Whether the attributes between the previous member and a declaration make it a test.</summary>
    private static bool IsTest(string before)
    {
        // A member ends with a line that ends in '}' or ';' (a comment between the attributes may hold either inside).
        var previousMember = Math.Max(before.LastIndexOf("}\n", StringComparison.Ordinal), before.LastIndexOf(";\n", StringComparison.Ordinal));
        var attributes = before[Math.Max(0, previousMember)..];
        return attributes.Contains("[Fact", StringComparison.Ordinal) || attributes.Contains("[Theory", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(the|by the|for the) operator\b", RegexOptions.IgnoreCase)]
    private static partial Regex PromiseWords();

    // PATH, DISPOSITION and REASON columns of report.txt.
    [GeneratedRegex(@"^\S+\s+(Mapped|Approximated|Ignored|Rejected)\s+(?<reason>.+)$")]
    private static partial Regex ReportLine();

    [GeneratedRegex("\"(?<text>(?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();
}
