using Qonduit.Contracts.Placement;
using System.Text.Json.Serialization;

namespace Qonduit.Server.Tasks;

/// <summary>Everything that may move a task after submission (docs/architecture.md "Task lifecycle"). Closed union.</summary>
public abstract record TaskOperation
{
    private TaskOperation() { }

    public abstract TaskOperationKind Kind { get; }

    /// <summary>
    /// Agent CLAIM: binds <paramref name="SnapshotVersion"/>, read from the store in the claim's transaction, and the claiming
    /// incarnation. A requirement task placed by the claim also binds <paramref name="Device"/> (a QPU's, or its own for a
    /// simulator pool) and records the <paramref name="Placement"/> decision in its event.
    /// </summary>
    /// <param name="ResourceKind">The kind of resource the task runs on ("qpu" for a device-bound task): the pool kind fair share charges.</param>
    public sealed record Claim(string AgentId, int SnapshotVersion, string? Incarnation = null, string? Device = null, PlacementDecision? Placement = null,
        string ResourceKind = "qpu") : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.Claim;
    }

    /// <param name="SurvivesAgent">The job is held by a cluster scheduler (Slurm), so only a live agent can say it ended.</param>
    public sealed record ReportRunning(string AgentId, string? SchedulerJobId, string? Incarnation = null, bool SurvivesAgent = false) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ReportRunning;
    }

    /// <param name="Usage">What the runner reported using, charged to the task (<see cref="TaskAccounting"/>).</param>
    public sealed record ReportCompleted(string AgentId, string ResultJson, string? Incarnation = null, RunUsage? Usage = null) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ReportCompleted;
    }

    public sealed record ReportFailed(string AgentId, TaskError Error, string? Incarnation = null) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ReportFailed;
    }

    /// <summary>By the task's tenant or an admin (the API checks who; the automaton checks when).</summary>
    public sealed record Cancel(string By) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.Cancel;
    }

    /// <summary>Admin REQUEUE; allowed once the owner's heartbeat is stale, or with <paramref name="Force"/>.</summary>
    public sealed record Requeue(string By, bool Force, bool OwnerStale) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.Requeue;
    }

    public sealed record ForceFail(string By, string Reason) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ForceFail;
    }

    /// <summary>A new incarnation of the owner listed the task in a heartbeat: it holds the run directory and takes the task over.</summary>
    public sealed record Adopt(string? Incarnation) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.Adopt;
    }

    /// <summary>A heartbeat of the owning incarnation, sent a heartbeat interval or more after the claim, omitted the task.</summary>
    public sealed record CountOmission : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.CountOmission;
    }

    /// <summary>A heartbeat of the owning incarnation listed the task again after omitting it.</summary>
    public sealed record ClearOmissions : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ClearOmissions;
    }

    /// <summary>The owner lost the task (<paramref name="Reason"/>): back to the queue; on the last attempt it acts as <see cref="FailLost"/>.</summary>
    public sealed record RequeueLost(LossReason Reason) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.RequeueLost;
    }

    /// <summary>The owner lost the task on its last attempt: it fails as `task.agent-lost`.</summary>
    public sealed record FailLost(LossReason Reason) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.FailLost;
    }

    /// <summary>
    /// Fair share takes the task's slot back for <paramref name="Owner"/>, a consumer owning slots in the pool it runs in
    /// (docs/orchestration.md §3, reclaim): the owning agent interrupts the run; the task stays running until it stops or
    /// the grace passes.
    /// </summary>
    public sealed record Interrupt(string Owner) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.Interrupt;
    }

    /// <summary>
    /// An interrupted task goes back to the queue, its attempt unchanged (a reclaim is no retry): its reclaim grace passed
    /// (no agent), or its owner reported the interrupted run's failure (<paramref name="AgentId"/>).
    /// </summary>
    public sealed record RequeueReclaim(string? AgentId = null, string? Incarnation = null) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.RequeueReclaim;
    }

    public string? ReportingAgent => this switch
    {
        RequeueReclaim r => r.AgentId,
        ReportRunning r => r.AgentId,
        ReportCompleted r => r.AgentId,
        ReportFailed r => r.AgentId,
        _ => null,
    };

    public string? ReportingIncarnation => this switch
    {
        RequeueReclaim r => r.Incarnation,
        ReportRunning r => r.Incarnation,
        ReportCompleted r => r.Incarnation,
        ReportFailed r => r.Incarnation,
        _ => null,
    };
}

public enum TaskOperationKind
{
    Claim,
    ReportRunning,
    ReportCompleted,
    ReportFailed,
    Cancel,
    Requeue,
    ForceFail,
    Adopt,
    CountOmission,
    ClearOmissions,
    RequeueLost,
    FailLost,
    Interrupt,
    RequeueReclaim,
}

/// <summary>Why the control plane took a running task back from its owner (named in the `task.requeued` or `task.failed` event).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LossReason>))]
public enum LossReason
{
    /// <summary>A new incarnation of the owner claimed or heartbeat without listing the task.</summary>
    [JsonStringEnumMemberName("agent-restarted")] AgentRestarted,

    /// <summary>Two consecutive heartbeats of the owning incarnation omitted it.</summary>
    [JsonStringEnumMemberName("omitted-from-heartbeats")] OmittedFromHeartbeats,

    /// <summary>The owner has been stale for the grace period and the job does not outlive it.</summary>
    [JsonStringEnumMemberName("owner-stale")] OwnerStale,
}

/// <summary>The automaton's states: <see cref="TaskState"/> with running split by <see cref="TaskPhase"/>.</summary>
public enum TaskStage
{
    Queued,
    Claimed,
    Submitted,
    Completed,
    Failed,
    Cancelled,
}
