using System.Collections.Frozen;
using Qonduit.Server.Events;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Tasks;

/// <summary>
/// The one place that decides task transitions (DESIGN.md "Task lifecycle"). Pure: given a record, an operation
/// and the time it returns the next record and its event, or a typed refusal (with evidence for refused agent
/// reports). Stores run it inside their write transaction and persist exactly what it returns.
/// </summary>
public static class TaskAutomaton
{
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
        }.ToFrozenDictionary();

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
        var from = StageOf(task);
        var agent = operation.ReportingAgent;
        if (IsTerminal(from))
        {
            var terminal = ControlPlaneException.Conflict("task.terminal",
                $"task {task.Id} is already {task.State.Name()}; terminal states absorb every operation",
                new Dictionary<string, object?> { ["state"] = task.State.Name() });
            return Refuse(task, operation, terminal, agent);
        }
        if (!Transitions.TryGetValue((from, operation.Kind), out var to))
        {
            return new TransitionOutcome.Refused(ControlPlaneException.Conflict("task.illegal-transition",
                $"{OperationName(operation.Kind)} is not allowed while task {task.Id} is {from.ToString().ToLowerInvariant()}",
                new Dictionary<string, object?> { ["state"] = task.State.Name(), ["stage"] = from.ToString().ToLowerInvariant() }), null);
        }
        if (agent is not null && agent != task.Owner)
        {
            return Refuse(task, operation, ControlPlaneException.Conflict("task.not-owner",
                $"agent '{agent}' does not own task {task.Id}"), agent);
        }
        if (operation is TaskOperation.Requeue { Force: false, OwnerStale: false })
        {
            return new TransitionOutcome.Refused(ControlPlaneException.Conflict("task.owner-alive",
                $"the owner '{task.Owner}' of task {task.Id} still heartbeats; requeue with force to override"), null);
        }
        return Commit(task, operation, to, now);
    }

    private static TransitionOutcome.Applied Commit(TaskRecord task, TaskOperation operation, TaskStage to, DateTimeOffset now)
    {
        var next = operation switch
        {
            TaskOperation.Claim c => task with
            {
                State = TaskState.Running, Phase = TaskPhase.Claimed, Owner = c.AgentId,
                BoundSnapshotVersion = c.SnapshotVersion, ClaimedAt = now,
            },
            TaskOperation.ReportRunning r => task with { Phase = TaskPhase.Submitted, SchedulerJobId = r.SchedulerJobId, SubmittedAt = now },
            TaskOperation.ReportCompleted r => task with { ResultJson = r.ResultJson },
            TaskOperation.ReportFailed r => task with { Error = r.Error },
            TaskOperation.Cancel c => task with
            {
                Error = new TaskError("task.cancelled", c.By == task.Tenant ? "user" : Origins.Admin, $"cancelled by {c.By}"),
            },
            TaskOperation.Requeue => task with
            {
                Owner = null, Phase = null, BoundSnapshotVersion = null, SchedulerJobId = null, ClaimedAt = null, SubmittedAt = null,
                Attempt = task.Attempt + 1,
            },
            TaskOperation.ForceFail f => task with { Error = new TaskError("admin.force-failed", Origins.Admin, f.Reason) },
            _ => throw new InvalidOperationException($"unhandled operation {operation.Kind}"),
        };
        next = next with
        {
            State = StateOf(to),
            Phase = to switch { TaskStage.Claimed => TaskPhase.Claimed, TaskStage.Submitted => TaskPhase.Submitted, _ => null },
            UpdatedAt = now,
            FinishedAt = IsTerminal(to) ? now : next.FinishedAt,
        };
        var type = operation.Kind switch
        {
            TaskOperationKind.Claim => EventTypes.TaskClaimed,
            TaskOperationKind.ReportRunning => EventTypes.TaskRunning,
            TaskOperationKind.ReportCompleted => EventTypes.TaskCompleted,
            TaskOperationKind.ReportFailed => EventTypes.TaskFailed,
            TaskOperationKind.Cancel => EventTypes.TaskCancelled,
            TaskOperationKind.Requeue => EventTypes.TaskRequeued,
            _ => EventTypes.TaskForceFailed,
        };
        var by = operation switch
        {
            TaskOperation.Cancel c => c.By,
            TaskOperation.Requeue r => r.By,
            TaskOperation.ForceFail f => f.By,
            TaskOperation.Claim c => c.AgentId,
            _ => operation.ReportingAgent,
        };
        return new TransitionOutcome.Applied(next, TaskEvents.Of(type, next, by));
    }

    private static TransitionOutcome.Refused Refuse(TaskRecord task, TaskOperation operation, ControlPlaneException error, string? agent) =>
        new(error, agent is null ? null : TaskEvents.Rejected(task, OperationName(operation.Kind), agent, error));

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
        _ => "force-fail",
    };
}

/// <summary>What <see cref="TaskAutomaton.Apply"/> decided. Closed union.</summary>
public abstract record TransitionOutcome
{
    private TransitionOutcome() { }

    public sealed record Applied(TaskRecord Task, NewEvent Event) : TransitionOutcome;

    /// <summary>Nothing changes; <paramref name="Evidence"/>, when present, is still appended (a refused agent report).</summary>
    public sealed record Refused(ControlPlaneException Error, NewEvent? Evidence) : TransitionOutcome;
}
