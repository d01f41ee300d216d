using Qonduit.Server.Events;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>The automaton's rules for a task whose owner restarted, forgot it or went quiet (docs/architecture.md "Losing the owner").</summary>
public sealed class TaskLossTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static TaskRecord Running(int attempt = 1, int missed = 0) => TaskAutomatonTests.InStage(TaskStage.Submitted) with
    {
        OwnerIncarnation = "i-1", ClaimedAt = Now.AddMinutes(-1), Attempt = attempt, MissedHeartbeats = missed, SchedulerJobId = "job-1",
    };

    [Fact]
    public void Claim_records_the_incarnation_and_running_records_whether_the_job_outlives_the_agent()
    {
        var claimed = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(TaskAutomatonTests.InStage(TaskStage.Queued),
            new TaskOperation.Claim("agent-1", 1, "i-7"), Now)).Task;
        Assert.Equal("i-7", claimed.OwnerIncarnation);
        var running = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(claimed,
            new TaskOperation.ReportRunning("agent-1", "slurm-9", "i-7", SurvivesAgent: true), Now)).Task;
        Assert.True(running.SurvivesAgent);
    }

    [Theory]
    [InlineData(LossReason.AgentRestarted, "agent-restarted")]
    [InlineData(LossReason.OmittedFromHeartbeats, "omitted-from-heartbeats")]
    [InlineData(LossReason.OwnerStale, "owner-stale")]
    public void A_lost_task_is_requeued_with_the_next_attempt_and_one_event_naming_the_reason(LossReason reason, string name)
    {
        var applied = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(Running(attempt: 2, missed: 1), new TaskOperation.RequeueLost(reason), Now));
        Assert.Equal((TaskState.Queued, 3, null, null, 0, false), (applied.Task.State, applied.Task.Attempt, applied.Task.Owner,
            applied.Task.OwnerIncarnation, applied.Task.MissedHeartbeats, applied.Task.SurvivesAgent));
        Assert.Equal(EventTypes.TaskRequeued, applied.Event.Type);
        Assert.Contains($"\"reason\":\"{name}\"", applied.Event.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void The_third_loss_fails_the_task_as_agent_lost_instead_of_requeueing_it()
    {
        var applied = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(Running(attempt: TaskAutomaton.MaxAttempts),
            new TaskOperation.RequeueLost(LossReason.AgentRestarted), Now));
        Assert.Equal(TaskState.Failed, applied.Task.State);
        Assert.Equal(TaskAutomaton.MaxAttempts, applied.Task.Attempt);
        Assert.Equal(("task.agent-lost", "agent"), (applied.Task.Error!.Code, applied.Task.Error.Origin));
        Assert.Equal(EventTypes.TaskFailed, applied.Event.Type);
        Assert.Contains("\"reason\":\"agent-restarted\"", applied.Event.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskOperationKind.ReportRunning)]
    [InlineData(TaskOperationKind.ReportCompleted)]
    [InlineData(TaskOperationKind.ReportFailed)]
    public void A_report_from_an_earlier_incarnation_is_refused_as_stale_owner_with_evidence(TaskOperationKind kind)
    {
        var task = Running() with { Phase = TaskPhase.Claimed };
        Func<string, TaskOperation> report = kind switch
        {
            TaskOperationKind.ReportRunning => incarnation => new TaskOperation.ReportRunning("agent-1", "job-2", incarnation),
            TaskOperationKind.ReportCompleted => incarnation => new TaskOperation.ReportCompleted("agent-1", "{}", incarnation),
            _ => incarnation => new TaskOperation.ReportFailed("agent-1", new TaskError("runner.crashed", "runner", "boom"), incarnation),
        };
        var refused = Assert.IsType<TransitionOutcome.Refused>(TaskAutomaton.Apply(task, report("i-0"), Now));
        Assert.Equal("task.stale-owner", refused.Refusal.Code);
        Assert.Equal(EventTypes.TaskReportRejected, refused.Evidence!.Type);
        Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(task, report("i-1"), Now));
    }

    [Fact]
    public void A_new_incarnation_adopts_a_task_it_lists_and_loses_one_it_does_not()
    {
        Assert.Equal(new TaskOperation.Adopt("i-2"), TaskAutomaton.Sighting(Running(), "i-2", listed: true, Interval, Now));
        Assert.Equal(new TaskOperation.RequeueLost(LossReason.AgentRestarted), TaskAutomaton.Sighting(Running(), "i-2", listed: false, Interval, Now));
        var adopted = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(Running(missed: 1), new TaskOperation.Adopt("i-2"), Now)).Task;
        Assert.Equal(("i-2", 0, TaskState.Running), (adopted.OwnerIncarnation, adopted.MissedHeartbeats, adopted.State));
    }

    [Fact]
    public void The_owning_incarnation_loses_a_task_on_its_second_omission_counted_only_an_interval_after_the_claim()
    {
        var fresh = Running() with { ClaimedAt = Now.AddSeconds(-1) };
        Assert.Null(TaskAutomaton.Sighting(fresh, "i-1", listed: false, Interval, Now));
        Assert.Null(TaskAutomaton.Sighting(Running(), "i-1", listed: true, Interval, Now));
        Assert.Equal(new TaskOperation.CountOmission(), TaskAutomaton.Sighting(Running(), "i-1", listed: false, Interval, Now));
        Assert.Equal(new TaskOperation.RequeueLost(LossReason.OmittedFromHeartbeats), TaskAutomaton.Sighting(Running(missed: 1), "i-1", listed: false, Interval, Now));
        Assert.Equal(new TaskOperation.ClearOmissions(), TaskAutomaton.Sighting(Running(missed: 1), "i-1", listed: true, Interval, Now));
        var counted = Assert.IsType<TransitionOutcome.Noted>(TaskAutomaton.Apply(Running(), new TaskOperation.CountOmission(), Now)).Task;
        Assert.Equal(1, counted.MissedHeartbeats);
    }
}
