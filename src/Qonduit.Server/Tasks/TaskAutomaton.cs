using System.Collections.Frozen;
using Qonduit.Server.Events;

namespace Qonduit.Server.Tasks;

/// <summary>
/// The one place that decides task transitions (docs/architecture.md "Task lifecycle"). Pure: given a record, an operation
/// and the time it returns the next record and its event, or a typed refusal (with evidence for refused agent
/// reports). Stores run it inside their write transaction and persist exactly what it returns.
/// </summary>
public static class TaskAutomaton
{
    /// <summary>The attempt on which losing the owner fails the task instead of requeueing it.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Heartbeats of the owning incarnation that must omit a task in a row before it is requeued.</summary>
    public const int OmissionsToRequeue = 2;

    /// <summary>Every legal (stage, operation) pair and where it leads; anything absent is an illegal transition.</summary>
    public static readonly FrozenDictionary<(TaskStage From, TaskOperationKind Operation), TaskStage> Transitions =
        new Dictionary<(TaskStage, TaskOperationKind), TaskStage>
        {
            [(TaskStage.Queued, TaskOperationKind.Claim)] = TaskStage.Claimed,
            [(TaskStage.Claimed, TaskOperationKind.ReportRunning)] = TaskStage.Submitted,
            [(TaskStage.Claimed, TaskOperationKind.ReportCompleted)] = TaskStage.Completed,
            [(TaskStage.Submitted, TaskOperationKind.ReportCompleted)] = TaskStage.Completed,
            [(TaskStage.Claimed, TaskOperationKind.ReportFailed)] = TaskStage.Failed,
            [(TaskStage.Submitted, TaskOperationKind.ReportFailed)] = TaskStage.Failed,
            [(TaskStage.Queued, TaskOperationKind.Cancel)] = TaskStage.Cancelled,
            [(TaskStage.Claimed, TaskOperationKind.Cancel)] = TaskStage.Cancelled,
            [(TaskStage.Submitted, TaskOperationKind.Cancel)] = TaskStage.Cancelled,
            [(TaskStage.Claimed, TaskOperationKind.Requeue)] = TaskStage.Queued,
            [(TaskStage.Submitted, TaskOperationKind.Requeue)] = TaskStage.Queued,
            [(TaskStage.Queued, TaskOperationKind.ForceFail)] = TaskStage.Failed,
            [(TaskStage.Claimed, TaskOperationKind.ForceFail)] = TaskStage.Failed,
            [(TaskStage.Submitted, TaskOperationKind.ForceFail)] = TaskStage.Failed,
            [(TaskStage.Claimed, TaskOperationKind.Adopt)] = TaskStage.Claimed,
            [(TaskStage.Submitted, TaskOperationKind.Adopt)] = TaskStage.Submitted,
            [(TaskStage.Claimed, TaskOperationKind.CountOmission)] = TaskStage.Claimed,
            [(TaskStage.Submitted, TaskOperationKind.CountOmission)] = TaskStage.Submitted,
            [(TaskStage.Claimed, TaskOperationKind.ClearOmissions)] = TaskStage.Claimed,
            [(TaskStage.Submitted, TaskOperationKind.ClearOmissions)] = TaskStage.Submitted,
            [(TaskStage.Claimed, TaskOperationKind.RequeueLost)] = TaskStage.Queued,
            [(TaskStage.Submitted, TaskOperationKind.RequeueLost)] = TaskStage.Queued,
            [(TaskStage.Claimed, TaskOperationKind.FailLost)] = TaskStage.Failed,
            [(TaskStage.Submitted, TaskOperationKind.FailLost)] = TaskStage.Failed,
            [(TaskStage.Claimed, TaskOperationKind.Interrupt)] = TaskStage.Claimed,
            [(TaskStage.Submitted, TaskOperationKind.Interrupt)] = TaskStage.Submitted,
            [(TaskStage.Claimed, TaskOperationKind.RequeueReclaim)] = TaskStage.Queued,
            [(TaskStage.Submitted, TaskOperationKind.RequeueReclaim)] = TaskStage.Queued,
        }.ToFrozenDictionary();

    /// <summary>
    /// What one heartbeat (or, with <paramref name="listed"/> false, a claim) of <paramref name="incarnation"/> of a running
    /// task's owner means for the task, or null when nothing changes: another incarnation adopts it by listing it and loses
    /// it by not listing it; the owning incarnation's omissions count once the heartbeat comes at least
    /// <paramref name="interval"/> after the claim, because an earlier one may have been put together before the claim's answer arrived.
    /// </summary>
    public static TaskOperation? Sighting(TaskRecord task, string? incarnation, bool listed, TimeSpan interval, DateTimeOffset now)
    {
        if (task.State != TaskState.Running) return null;
        if (task.OwnerIncarnation != incarnation) return listed ? new TaskOperation.Adopt(incarnation) : new TaskOperation.RequeueLost(LossReason.AgentRestarted);
        if (listed) return task.MissedHeartbeats > 0 ? new TaskOperation.ClearOmissions() : null;
        if (task.ClaimedAt is { } claimed && now - claimed < interval) return null;
        return task.MissedHeartbeats + 1 >= OmissionsToRequeue ? new TaskOperation.RequeueLost(LossReason.OmittedFromHeartbeats) : new TaskOperation.CountOmission();
    }


    public static TaskStage StageOf(TaskRecord task) => task.State switch
    {
        TaskState.Queued => TaskStage.Queued,
        TaskState.Running => task.Phase == TaskPhase.Submitted ? TaskStage.Submitted : TaskStage.Claimed,
        TaskState.Completed => TaskStage.Completed,
        TaskState.Failed => TaskStage.Failed,
        _ => TaskStage.Cancelled,
    };

    public static bool IsTerminal(TaskStage stage) => stage is TaskStage.Completed or TaskStage.Failed or TaskStage.Cancelled;

    /// <summary>The record of a freshly admitted task and its `task.queued` event.</summary>
    public static TransitionOutcome.Applied Submit(TaskRecord admitted) =>
        new(admitted, TaskEvents.Of(EventTypes.TaskQueued, admitted, by: admitted.Tenant));

    public static TransitionOutcome Apply(TaskRecord task, TaskOperation operation, DateTimeOffset now)
    {
        if (operation is TaskOperation.RequeueLost lost && task.Attempt >= MaxAttempts) operation = new TaskOperation.FailLost(lost.Reason);
        // An interrupted run that fails stopped because fair share took its slot back: it is requeued, not failed.
        if (operation is TaskOperation.ReportFailed failed && task.InterruptedAt is not null && !IsTerminal(StageOf(task)))
            operation = new TaskOperation.RequeueReclaim(failed.AgentId, failed.Incarnation);
        var from = StageOf(task);
        var agent = operation.ReportingAgent;
        if (IsTerminal(from))
        {
            var terminal = new Refusal(ErrorCodes.Task.Terminal, $"task {task.Id} is already {task.State.Name()}; terminal states absorb every operation")
            {
                Details = new Dictionary<string, object?> { ["state"] = task.State.Name() },
            };
            return Refuse(task, operation, terminal, agent);
        }
        if (!Transitions.TryGetValue((from, operation.Kind), out var to))
        {
            return new TransitionOutcome.Refused(new Refusal(ErrorCodes.Task.IllegalTransition,
                $"{OperationName(operation.Kind)} is not allowed while task {task.Id} is {from.ToString().ToLowerInvariant()}")
            {
                Details = new Dictionary<string, object?> { ["state"] = task.State.Name(), ["stage"] = from.ToString().ToLowerInvariant() },
            }, null);
        }
        if (agent is not null && agent != task.Owner)
        {
            return Refuse(task, operation, new Refusal(ErrorCodes.Task.NotOwner, $"agent '{agent}' does not own task {task.Id}"), agent);
        }
        if (agent is not null && operation.ReportingIncarnation != task.OwnerIncarnation)
        {
            return Refuse(task, operation, new Refusal(ErrorCodes.Task.StaleOwner,
                $"incarnation '{operation.ReportingIncarnation ?? "(none)"}' of agent '{agent}' no longer owns task {task.Id}: " +
                $"incarnation '{task.OwnerIncarnation ?? "(none)"}' does; abandon the task"), agent);
        }
        if (operation is TaskOperation.Requeue { Force: false, OwnerStale: false })
        {
            return new TransitionOutcome.Refused(new Refusal(ErrorCodes.Task.OwnerAlive,
                $"the owner '{task.Owner}' of task {task.Id} still heartbeats; requeue with force to override"), null);
        }
        return Commit(task, operation, to, now);
    }

    private static TransitionOutcome Commit(TaskRecord task, TaskOperation operation, TaskStage to, DateTimeOffset now)
    {
        var next = operation switch
        {
            TaskOperation.Claim c => task with
            {
                ResourceKind = c.ResourceKind, Device = c.Device ?? task.Device, State = TaskState.Running, Phase = TaskPhase.Claimed, Owner = c.AgentId, OwnerIncarnation = c.Incarnation,
                BoundSnapshotVersion = c.SnapshotVersion, ClaimedAt = now, MissedHeartbeats = 0, SurvivesAgent = false,
                Resource = c.Placement?.Winner, PlacedAlternative = c.Placement?.Alternative,
            },
            TaskOperation.ReportRunning r => task with
            {
                Phase = TaskPhase.Submitted, SchedulerJobId = r.SchedulerJobId, SubmittedAt = now, SurvivesAgent = r.SurvivesAgent,
            },
            TaskOperation.ReportCompleted r => task with { ResultJson = r.ResultJson },
            TaskOperation.ReportFailed r => task with { Error = r.Error },
            TaskOperation.Cancel c => task with
            {
                Error = new TaskError(ErrorCodes.Task.Cancelled, c.By == task.Tenant ? "user" : Origins.Admin, $"cancelled by {c.By}"),
            },
            TaskOperation.Requeue or TaskOperation.RequeueLost => task with
            {
                Owner = null, OwnerIncarnation = null, Phase = null, BoundSnapshotVersion = null, SchedulerJobId = null, ClaimedAt = null,
                SubmittedAt = null, MissedHeartbeats = 0, SurvivesAgent = false, Attempt = task.Attempt + 1, Resource = null, PlacedAlternative = null,
                Device = task.SubmittedDevice ?? task.Device, InterruptedAt = null,
            },
            TaskOperation.RequeueReclaim => task with
            {
                Owner = null, OwnerIncarnation = null, Phase = null, BoundSnapshotVersion = null, SchedulerJobId = null, ClaimedAt = null,
                SubmittedAt = null, MissedHeartbeats = 0, SurvivesAgent = false, Resource = null, PlacedAlternative = null,
                Device = task.SubmittedDevice ?? task.Device, InterruptedAt = null,
            },
            TaskOperation.Interrupt => task with { InterruptedAt = task.InterruptedAt ?? now },
            TaskOperation.ForceFail f => task with { Error = new TaskError(ErrorCodes.Admin.ForceFailed, Origins.Admin, f.Reason) },
            TaskOperation.FailLost f => task with
            {
                Error = new TaskError(ErrorCodes.Task.AgentLost, Origins.Agent,
                    $"agent '{task.Owner}' lost the task on attempt {task.Attempt} of {MaxAttempts} ({ReasonName(f.Reason)}); it is not retried again"),
            },
            TaskOperation.Adopt a => task with { OwnerIncarnation = a.Incarnation, MissedHeartbeats = 0 },
            TaskOperation.CountOmission => task with { MissedHeartbeats = task.MissedHeartbeats + 1 },
            TaskOperation.ClearOmissions => task with { MissedHeartbeats = 0 },
            _ => throw new InvalidOperationException($"unhandled operation {operation.Kind}"),
        };
        next = next with
        {
            State = StateOf(to),
            Phase = to switch { TaskStage.Claimed => TaskPhase.Claimed, TaskStage.Submitted => TaskPhase.Submitted, _ => null },
            UpdatedAt = now,
            FinishedAt = IsTerminal(to) ? now : next.FinishedAt,
        };
        if (IsTerminal(to) && task.ClaimedAt is { } claimed) next = TaskAccounting.Charge(next, claimed, (operation as TaskOperation.ReportCompleted)?.Usage, now);
        // Omission bookkeeping is not a lifecycle step: it changes the record and appends nothing.
        if (operation.Kind is TaskOperationKind.CountOmission or TaskOperationKind.ClearOmissions) return new TransitionOutcome.Noted(next);
        var type = operation.Kind switch
        {
            TaskOperationKind.Claim => EventTypes.TaskClaimed,
            TaskOperationKind.ReportRunning => EventTypes.TaskRunning,
            TaskOperationKind.ReportCompleted => EventTypes.TaskCompleted,
            TaskOperationKind.ReportFailed or TaskOperationKind.FailLost => EventTypes.TaskFailed,
            TaskOperationKind.Cancel => EventTypes.TaskCancelled,
            TaskOperationKind.Requeue or TaskOperationKind.RequeueLost or TaskOperationKind.RequeueReclaim => EventTypes.TaskRequeued,
            TaskOperationKind.Interrupt => EventTypes.TaskInterrupted,
            TaskOperationKind.Adopt => EventTypes.TaskAdopted,
            _ => EventTypes.TaskForceFailed,
        };
        var by = operation switch
        {
            TaskOperation.Cancel c => c.By,
            TaskOperation.Requeue r => r.By,
            TaskOperation.ForceFail f => f.By,
            TaskOperation.Claim c => c.AgentId,
            TaskOperation.Adopt => task.Owner,
            TaskOperation.Interrupt i => i.Owner,
            _ => operation.ReportingAgent,
        };
        var reason = operation switch
        {
            TaskOperation.RequeueLost r => ReasonName(r.Reason),
            TaskOperation.FailLost f => ReasonName(f.Reason),
            TaskOperation.Interrupt or TaskOperation.RequeueReclaim => "reclaim",
            _ => null,
        };
        return new TransitionOutcome.Applied(next, TaskEvents.Of(type, next, by, reason, (operation as TaskOperation.Claim)?.Placement));
    }

    public static string ReasonName(LossReason reason) => reason switch
    {
        LossReason.AgentRestarted => "agent-restarted",
        LossReason.OmittedFromHeartbeats => "omitted-from-heartbeats",
        _ => "owner-stale",
    };

    private static TransitionOutcome.Refused Refuse(TaskRecord task, TaskOperation operation, Refusal refusal, string? agent) =>
        new(refusal, agent is null ? null : TaskEvents.Rejected(task, OperationName(operation.Kind), agent, refusal));

    private static TaskState StateOf(TaskStage stage) => stage switch
    {
        TaskStage.Queued => TaskState.Queued,
        TaskStage.Claimed or TaskStage.Submitted => TaskState.Running,
        TaskStage.Completed => TaskState.Completed,
        TaskStage.Failed => TaskState.Failed,
        _ => TaskState.Cancelled,
    };

    public static string OperationName(TaskOperationKind kind) => kind switch
    {
        TaskOperationKind.Claim => "claim",
        TaskOperationKind.ReportRunning => "report-running",
        TaskOperationKind.ReportCompleted => "report-completed",
        TaskOperationKind.ReportFailed => "report-failed",
        TaskOperationKind.Cancel => "cancel",
        TaskOperationKind.Requeue => "requeue",
        TaskOperationKind.ForceFail => "force-fail",
        TaskOperationKind.Adopt => "adopt",
        TaskOperationKind.CountOmission => "count-omission",
        TaskOperationKind.ClearOmissions => "clear-omissions",
        TaskOperationKind.RequeueLost => "requeue-lost",
        TaskOperationKind.Interrupt => "interrupt",
        TaskOperationKind.RequeueReclaim => "requeue-reclaim",
        _ => "fail-lost",
    };
}

/// <summary>What <see cref="TaskAutomaton.Apply"/> decided. Closed union.</summary>
public abstract record TransitionOutcome
{
    private TransitionOutcome() { }

    public sealed record Applied(TaskRecord Task, NewEvent Event) : TransitionOutcome;

    /// <summary>Bookkeeping on a running task (heartbeat omissions): the record changes, no event is appended.</summary>
    public sealed record Noted(TaskRecord Task) : TransitionOutcome;

    /// <summary>Nothing changes; <paramref name="Evidence"/>, when present, is still appended (a refused agent report).</summary>
    public sealed record Refused(Refusal Refusal, NewEvent? Evidence) : TransitionOutcome;
}
