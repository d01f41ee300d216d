using Qonduit.Server.Tasks;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>What a task is charged when it ends (docs/orchestration.md §3 "Accounting"), decided by the automaton's transition.</summary>
public sealed class TaskAccountingTests
{
    private static readonly DateTimeOffset Claimed = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ended = Claimed.AddSeconds(12.5);

    private static TaskRecord Running(string kind, TaskStage stage = TaskStage.Submitted) =>
        TaskAutomatonTests.InStage(stage) with { ClaimedAt = Claimed, ResourceKind = kind };

    private static TaskRecord Apply(TaskRecord task, TaskOperation operation) =>
        Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(task, operation, Ended)).Task;

    [Fact]
    public void A_completed_qpu_run_is_charged_its_lane_seconds_from_claim_to_end_and_what_its_runner_reported()
    {
        var done = Apply(Running("qpu"), new TaskOperation.ReportCompleted("agent-1", "{}", Usage: new RunUsage(0.75, 8)));

        Assert.Equal((12.5, 0.75, 8), (done.LaneSeconds, done.CpuSeconds, done.Simulations));
        Assert.Equal(done.Shots, TaskAccounting.ShotsUsed(done));
    }

    [Fact]
    public void A_simulator_run_holds_no_lane_and_is_charged_only_what_its_runner_reported()
    {
        var done = Apply(Running("simulator", TaskStage.Claimed), new TaskOperation.ReportCompleted("agent-1", "{}", Usage: new RunUsage(2.0, 1)));

        Assert.Equal((null, 2.0, 1), (done.LaneSeconds, done.CpuSeconds, done.Simulations));
    }

    public static TheoryData<TaskOperation> EndsWithoutAResult() =>
    [
        new TaskOperation.Cancel("alice"),
        new TaskOperation.ReportFailed("agent-1", new TaskError("runner.crashed", "runner", "boom")),
        new TaskOperation.ForceFail("admin", "operator decision"),
        new TaskOperation.FailLost(LossReason.OwnerStale),
    ];

    [Theory]
    [MemberData(nameof(EndsWithoutAResult))]
    public void A_qpu_run_that_ends_without_a_result_still_held_the_lane_and_is_charged_for_it_but_no_shots(TaskOperation end)
    {
        var ended = Apply(Running("qpu"), end);

        Assert.Equal((12.5, null, null), (ended.LaneSeconds, ended.CpuSeconds, ended.Simulations));
        Assert.Equal(0, TaskAccounting.ShotsUsed(ended));
    }

    [Fact]
    public void A_task_cancelled_while_queued_used_nothing()
    {
        var cancelled = Apply(TaskAutomatonTests.InStage(TaskStage.Queued), new TaskOperation.Cancel("alice"));

        Assert.Equal((null, null, null), (cancelled.LaneSeconds, cancelled.CpuSeconds, cancelled.Simulations));
    }

    [Fact]
    public void A_requeued_task_is_not_charged_until_its_last_attempt_ends()
    {
        var requeued = Apply(Running("qpu"), new TaskOperation.Requeue("admin", Force: true, OwnerStale: false));

        Assert.Null(requeued.LaneSeconds);
    }
}
