using Qonduit.Server.Events;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Tests.Tasks;

public sealed class TaskAutomatonTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>docs/architecture.md's lifecycle table, written out independently of the implementation's (null event: bookkeeping, none appended).</summary>
    private static readonly Dictionary<(TaskStage, TaskOperationKind), (TaskStage To, string? Event)> Legal = new()
    {
        [(TaskStage.Queued, TaskOperationKind.Claim)] = (TaskStage.Claimed, EventTypes.TaskClaimed),
        [(TaskStage.Claimed, TaskOperationKind.ReportRunning)] = (TaskStage.Submitted, EventTypes.TaskRunning),
        [(TaskStage.Claimed, TaskOperationKind.ReportCompleted)] = (TaskStage.Completed, EventTypes.TaskCompleted),
        [(TaskStage.Submitted, TaskOperationKind.ReportCompleted)] = (TaskStage.Completed, EventTypes.TaskCompleted),
        [(TaskStage.Claimed, TaskOperationKind.ReportFailed)] = (TaskStage.Failed, EventTypes.TaskFailed),
        [(TaskStage.Submitted, TaskOperationKind.ReportFailed)] = (TaskStage.Failed, EventTypes.TaskFailed),
        [(TaskStage.Queued, TaskOperationKind.Cancel)] = (TaskStage.Cancelled, EventTypes.TaskCancelled),
        [(TaskStage.Claimed, TaskOperationKind.Cancel)] = (TaskStage.Cancelled, EventTypes.TaskCancelled),
        [(TaskStage.Submitted, TaskOperationKind.Cancel)] = (TaskStage.Cancelled, EventTypes.TaskCancelled),
        [(TaskStage.Claimed, TaskOperationKind.Requeue)] = (TaskStage.Queued, EventTypes.TaskRequeued),
        [(TaskStage.Submitted, TaskOperationKind.Requeue)] = (TaskStage.Queued, EventTypes.TaskRequeued),
        [(TaskStage.Queued, TaskOperationKind.ForceFail)] = (TaskStage.Failed, EventTypes.TaskForceFailed),
        [(TaskStage.Claimed, TaskOperationKind.ForceFail)] = (TaskStage.Failed, EventTypes.TaskForceFailed),
        [(TaskStage.Submitted, TaskOperationKind.ForceFail)] = (TaskStage.Failed, EventTypes.TaskForceFailed),
        [(TaskStage.Claimed, TaskOperationKind.Adopt)] = (TaskStage.Claimed, EventTypes.TaskAdopted),
        [(TaskStage.Submitted, TaskOperationKind.Adopt)] = (TaskStage.Submitted, EventTypes.TaskAdopted),
        [(TaskStage.Claimed, TaskOperationKind.CountOmission)] = (TaskStage.Claimed, null),
        [(TaskStage.Submitted, TaskOperationKind.CountOmission)] = (TaskStage.Submitted, null),
        [(TaskStage.Claimed, TaskOperationKind.ClearOmissions)] = (TaskStage.Claimed, null),
        [(TaskStage.Submitted, TaskOperationKind.ClearOmissions)] = (TaskStage.Submitted, null),
        [(TaskStage.Claimed, TaskOperationKind.RequeueLost)] = (TaskStage.Queued, EventTypes.TaskRequeued),
        [(TaskStage.Submitted, TaskOperationKind.RequeueLost)] = (TaskStage.Queued, EventTypes.TaskRequeued),
        [(TaskStage.Claimed, TaskOperationKind.FailLost)] = (TaskStage.Failed, EventTypes.TaskFailed),
        [(TaskStage.Submitted, TaskOperationKind.FailLost)] = (TaskStage.Failed, EventTypes.TaskFailed),
        [(TaskStage.Claimed, TaskOperationKind.Interrupt)] = (TaskStage.Claimed, EventTypes.TaskInterrupted),
        [(TaskStage.Submitted, TaskOperationKind.Interrupt)] = (TaskStage.Submitted, EventTypes.TaskInterrupted),
        [(TaskStage.Claimed, TaskOperationKind.RequeueReclaim)] = (TaskStage.Queued, EventTypes.TaskRequeued),
        [(TaskStage.Submitted, TaskOperationKind.RequeueReclaim)] = (TaskStage.Queued, EventTypes.TaskRequeued),
    };

    public static TheoryData<TaskStage, TaskOperationKind> EveryStageAndOperation()
    {
        var data = new TheoryData<TaskStage, TaskOperationKind>();
        foreach (var stage in Enum.GetValues<TaskStage>())
        {
            foreach (var operation in Enum.GetValues<TaskOperationKind>()) data.Add(stage, operation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStageAndOperation))]
    public void Every_stage_and_operation_follows_the_design_table(TaskStage stage, TaskOperationKind kind)
    {
        var task = InStage(stage);
        var outcome = TaskAutomaton.Apply(task, Operation(kind, "agent-1"), Now);

        if (!Legal.TryGetValue((stage, kind), out var expected))
        {
            var refused = Assert.IsType<TransitionOutcome.Refused>(outcome);
            var terminal = TaskAutomaton.IsTerminal(stage);
            Assert.Equal(terminal ? "task.terminal" : "task.illegal-transition", refused.Refusal.Code);
            var agentReport = kind is TaskOperationKind.ReportRunning or TaskOperationKind.ReportCompleted or TaskOperationKind.ReportFailed;
            Assert.Equal(terminal && agentReport, refused.Evidence is not null);
            return;
        }
        if (expected.Event is null)
        {
            Assert.Equal(expected.To, TaskAutomaton.StageOf(Assert.IsType<TransitionOutcome.Noted>(outcome).Task));
            return;
        }
        var applied = Assert.IsType<TransitionOutcome.Applied>(outcome);
        Assert.Equal(expected.To, TaskAutomaton.StageOf(applied.Task));
        Assert.Equal(expected.Event, applied.Event.Type);
        Assert.Equal(task.Id, applied.Event.TaskId);
        Assert.Equal(Now, applied.Task.UpdatedAt);
    }

    [Fact]
    public void The_implementation_table_is_the_design_table()
    {
        Assert.Equal(Legal.Keys.OrderBy(k => k), TaskAutomaton.Transitions.Keys.OrderBy(k => k));
        foreach (var (key, value) in Legal) Assert.Equal(value.To, TaskAutomaton.Transitions[key]);
    }

    [Theory]
    [InlineData(TaskStage.Claimed, TaskOperationKind.ReportRunning)]
    [InlineData(TaskStage.Claimed, TaskOperationKind.ReportCompleted)]
    [InlineData(TaskStage.Submitted, TaskOperationKind.ReportFailed)]
    public void A_report_from_another_agent_is_refused_with_evidence(TaskStage stage, TaskOperationKind kind)
    {
        var refused = Assert.IsType<TransitionOutcome.Refused>(TaskAutomaton.Apply(InStage(stage), Operation(kind, "intruder"), Now));
        Assert.Equal("task.not-owner", refused.Refusal.Code);
        Assert.Equal(EventTypes.TaskReportRejected, refused.Evidence!.Type);
        Assert.Contains("intruder", refused.Evidence.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Requeue_without_force_waits_for_the_owner_to_go_stale()
    {
        var task = InStage(TaskStage.Submitted);
        var alive = Assert.IsType<TransitionOutcome.Refused>(TaskAutomaton.Apply(task, new TaskOperation.Requeue("admin", false, OwnerStale: false), Now));
        Assert.Equal("task.owner-alive", alive.Refusal.Code);

        var requeued = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(task, new TaskOperation.Requeue("admin", false, OwnerStale: true), Now)).Task;
        Assert.Equal(TaskState.Queued, requeued.State);
        Assert.Null(requeued.Owner);
        Assert.Null(requeued.BoundSnapshotVersion);
        Assert.Equal(task.Attempt + 1, requeued.Attempt);
    }

    [Fact]
    public void A_requirement_task_claimed_on_another_qpu_holds_that_resource_and_a_requeue_gives_back_the_device_it_named()
    {
        var queued = InStage(TaskStage.Queued) with { Requirement = "select[kind=='qpu']", SubmittedDevice = "line5" };
        var decision = new Qonduit.Contracts.Placement.PlacementDecision(0, [], "line7");

        var claimed = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(queued, new TaskOperation.Claim("agent-7", 3, "i-1", "line7", decision), Now)).Task;
        Assert.Equal(("line7", "line7", 0), (claimed.Device, claimed.Resource, claimed.PlacedAlternative));

        var requeued = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(claimed, new TaskOperation.Requeue("admin", Force: true, OwnerStale: false), Now)).Task;
        Assert.Equal(("line5", null, null), (requeued.Device, requeued.Resource, requeued.PlacedAlternative));
    }

    [Fact]
    public void An_interrupted_run_that_fails_is_requeued_by_reclaim_with_its_attempt_unchanged_and_one_that_completes_in_its_grace_completes()
    {
        var running = InStage(TaskStage.Submitted) with { Attempt = 2 };
        var interrupt = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(running, new TaskOperation.Interrupt("/chem"), Now));
        Assert.Equal((TaskState.Running, (DateTimeOffset?)Now), (interrupt.Task.State, interrupt.Task.InterruptedAt));
        Assert.Contains("\"reason\":\"reclaim\"", interrupt.Event.Data, StringComparison.Ordinal);
        Assert.Contains("/chem", interrupt.Event.Data, StringComparison.Ordinal);

        var failure = new TaskOperation.ReportFailed(running.Owner!, new TaskError("runner.signalled", "runner", "terminated"), running.OwnerIncarnation);
        var requeued = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(interrupt.Task, failure, Now.AddSeconds(1)));
        Assert.Equal((TaskState.Queued, 2, (DateTimeOffset?)null, (string?)null), (requeued.Task.State, requeued.Task.Attempt, requeued.Task.InterruptedAt, requeued.Task.Owner));
        Assert.Equal(EventTypes.TaskRequeued, requeued.Event.Type);
        Assert.Contains("\"reason\":\"reclaim\"", requeued.Event.Data, StringComparison.Ordinal);

        var completed = TaskAutomaton.Apply(interrupt.Task, new TaskOperation.ReportCompleted(running.Owner!, "{}", running.OwnerIncarnation), Now.AddSeconds(1));
        Assert.Equal(TaskState.Completed, Assert.IsType<TransitionOutcome.Applied>(completed).Task.State);

        // Only the owner's report counts: another agent's failure report is refused as ever.
        Assert.IsType<TransitionOutcome.Refused>(TaskAutomaton.Apply(interrupt.Task, new TaskOperation.ReportFailed("intruder", failure.Error), Now));
    }

    [Fact]
    public void Claim_binds_the_version_it_is_given_and_sets_the_owner()
    {
        var claimed = Assert.IsType<TransitionOutcome.Applied>(TaskAutomaton.Apply(InStage(TaskStage.Queued), new TaskOperation.Claim("agent-7", 42), Now)).Task;
        Assert.Equal(42, claimed.BoundSnapshotVersion);
        Assert.Equal("agent-7", claimed.Owner);
        Assert.Equal(TaskPhase.Claimed, claimed.Phase);
        Assert.Equal(Now, claimed.ClaimedAt);
    }

    private static TaskOperation Operation(TaskOperationKind kind, string agent) => kind switch
    {
        TaskOperationKind.Claim => new TaskOperation.Claim(agent, 3),
        TaskOperationKind.ReportRunning => new TaskOperation.ReportRunning(agent, "job-1"),
        TaskOperationKind.ReportCompleted => new TaskOperation.ReportCompleted(agent, "{}"),
        TaskOperationKind.ReportFailed => new TaskOperation.ReportFailed(agent, new TaskError("runner.crashed", "runner", "boom")),
        TaskOperationKind.Cancel => new TaskOperation.Cancel("alice"),
        TaskOperationKind.Requeue => new TaskOperation.Requeue("admin", Force: true, OwnerStale: false),
        TaskOperationKind.ForceFail => new TaskOperation.ForceFail("admin", "operator decision"),
        TaskOperationKind.Adopt => new TaskOperation.Adopt("incarnation-2"),
        TaskOperationKind.CountOmission => new TaskOperation.CountOmission(),
        TaskOperationKind.ClearOmissions => new TaskOperation.ClearOmissions(),
        TaskOperationKind.RequeueLost => new TaskOperation.RequeueLost(LossReason.AgentRestarted),
        TaskOperationKind.Interrupt => new TaskOperation.Interrupt("/chem"),
        TaskOperationKind.RequeueReclaim => new TaskOperation.RequeueReclaim(),
        _ => new TaskOperation.FailLost(LossReason.OwnerStale),
    };

    internal static TaskRecord InStage(TaskStage stage)
    {
        var queued = new TaskRecord
        {
            Id = Guid.NewGuid(), Tenant = "alice", Device = "line5", Dialect = "openqasm2", Circuit = "", Shots = 10,
            AdmittedSnapshotVersion = 1, CreatedAt = Now, UpdatedAt = Now,
        };
        var claimed = queued with { State = TaskState.Running, Phase = TaskPhase.Claimed, Owner = "agent-1", BoundSnapshotVersion = 1 };
        return stage switch
        {
            TaskStage.Queued => queued,
            TaskStage.Claimed => claimed,
            TaskStage.Submitted => claimed with { Phase = TaskPhase.Submitted },
            TaskStage.Completed => claimed with { State = TaskState.Completed, Phase = null },
            TaskStage.Failed => claimed with { State = TaskState.Failed, Phase = null },
            _ => claimed with { State = TaskState.Cancelled, Phase = null },
        };
    }
}
