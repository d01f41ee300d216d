namespace Qonduit.Server.Tasks;

/// <summary>Everything that may move a task after submission (DESIGN.md "Task lifecycle"). Closed union.</summary>
public abstract record TaskOperation
{
    private TaskOperation() { }

    public abstract TaskOperationKind Kind { get; }

    /// <summary>Agent CLAIM: binds <paramref name="SnapshotVersion"/>, read from the store in the claim's transaction.</summary>
    public sealed record Claim(string AgentId, int SnapshotVersion) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.Claim;
    }

    public sealed record ReportRunning(string AgentId, string? SchedulerJobId) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ReportRunning;
    }

    public sealed record ReportCompleted(string AgentId, string ResultJson) : TaskOperation
    {
        public override TaskOperationKind Kind => TaskOperationKind.ReportCompleted;
    }

    public sealed record ReportFailed(string AgentId, TaskError Error) : TaskOperation
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

    public string? ReportingAgent => this switch
    {
        ReportRunning r => r.AgentId,
        ReportCompleted r => r.AgentId,
        ReportFailed r => r.AgentId,
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
