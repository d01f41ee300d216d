namespace Qonduit.Storage;

/// <summary>One entry of the append-only event log; <see cref="Sequence"/> is global and is the SSE `id:`.</summary>
public sealed record EventRecord(
    long Sequence,
    string Type,
    Guid? TaskId,
    string? Device,
    string? Tenant,
    DateTimeOffset At,
    string Data);

/// <summary>An event before the store assigns its sequence and timestamp.</summary>
public sealed record NewEvent(string Type, Guid? TaskId, string? Device, string? Tenant, string Data)
{
    /// <summary>The task's store sequence when the caller has it at hand; a store that files events by it then need not look it up.</summary>
    public long? TaskSequence { get; init; }
}

public static class EventTypes
{
    public const string TaskQueued = "task.queued";
    public const string TaskClaimed = "task.claimed";
    public const string TaskRunning = "task.running";
    public const string TaskCompleted = "task.completed";
    public const string TaskFailed = "task.failed";
    public const string TaskCancelled = "task.cancelled";
    public const string TaskRequeued = "task.requeued";
    public const string TaskForceFailed = "task.force-failed";

    /// <summary>A new incarnation of the owning agent listed the task in its heartbeat and took it over (reports now come from it).</summary>
    public const string TaskAdopted = "task.adopted";

    /// <summary>Fair share took the running task's slot back for a consumer owning it (reclaim): its run is interrupted; it is requeued when it stops or its grace passes.</summary>
    public const string TaskInterrupted = "task.interrupted";

    /// <summary>An admin stored a new version of the consumer tree (tenant-less: only admins see it).</summary>
    public const string ConsumerTreeChanged = "consumer.tree-changed";

    /// <summary>An admin charged a user to a leaf consumer (tenant-less).</summary>
    public const string ConsumerAssigned = "consumer.assigned";

    /// <summary>Fair share was recomputed: each pool kind's order of consumers (tenant-less).</summary>
    public const string ConsumerFairShare = "consumer.fairshare";

    /// <summary>Evidence: an agent report the automaton refused (duplicate terminal report, non-owner).</summary>
    public const string TaskReportRejected = "task.report-rejected";

    public const string DeviceRegistered = "device.registered";
    public const string DeviceUpdated = "device.updated";
    public const string AgentStale = "agent.stale";

    /// <summary>Evidence: a key called under an agent id bound to another key; the call was refused 403.</summary>
    public const string AgentImpersonation = "agent.impersonation";

    /// <summary>An admin bound an agent id to another key (`qonduit keys bind-agent`).</summary>
    public const string AgentRebound = "agent.rebound";

    /// <summary>A key was created (never its secret); tenant-less, so only admins see it.</summary>
    public const string KeyCreated = "key.created";

    /// <summary>A key was revoked; tenant-less, so only admins see it.</summary>
    public const string KeyRevoked = "key.revoked";

    /// <summary>Marker, not a transition: the task's owner stopped heartbeating; the task stays running until the stale grace ends.</summary>
    public const string TaskStale = "task.stale";

    /// <summary>A reported load index went unreported for over 2 intervals: placement now reads it as UNDEFINED (docs/orchestration.md §1).</summary>
    public const string LoadIndexStale = "loadindex.stale";

    /// <summary>A stale load index was reported again and is fresh.</summary>
    public const string LoadIndexFresh = "loadindex.fresh";
}
