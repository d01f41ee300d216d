using System.Text.Json;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Server.Tasks;

/// <summary>
/// `POST /v1/tasks`. Dialect defaults to the source's header; seed, pinned version, priority, tags and the token
/// of a lease to account the task to (docs/leases.md) are optional.
/// <see cref="Transpile"/> (default true) submits a logical circuit that the runner maps onto the snapshot bound at
/// claim time; false insists on a circuit native to the device as written. <see cref="Trajectories"/> (null: exact,
/// one error pattern per shot) caps the error patterns a noisy run draws; the shots are spread over them.
/// <see cref="Parameters"/> binds the circuit's OpenQASM 3 <c>input float[64]</c> declarations by name, at admission.
/// </summary>
public sealed record SubmitTaskRequest(
    string? Device,
    string? Circuit,
    string? Dialect,
    int? Shots,
    long? Seed = null,
    int? SnapshotVersion = null,
    int? Priority = null,
    IReadOnlyList<string>? Tags = null,
    string? LeaseToken = null,
    bool? Transpile = null,
    int? Trajectories = null,
    IReadOnlyDictionary<string, double>? Parameters = null);

/// <summary>
/// The task record as the API shows it (docs/architecture.md "REST API"): state, the scheduler <see cref="Step"/> of a running
/// task, owner, attempt, boundSnapshotVersion, timestamps, error; <see cref="PendingReason"/> while queued and the runner's
/// <see cref="Progress"/> while running (both computed when the view is built, never stored).
/// </summary>
public sealed record TaskView(
    Guid Id,
    string Tenant,
    string Device,
    string Dialect,
    int Shots,
    long? Seed,
    int Priority,
    IReadOnlyList<string> Tags,
    TaskState State,
    TaskPhase? Step,
    string? Owner,
    int Attempt,
    int? SnapshotVersion,
    int AdmittedSnapshotVersion,
    int? BoundSnapshotVersion,
    string? SchedulerJobId,
    bool Stale,
    int NumQubits,
    int Instructions,
    bool Transpile,
    int? Trajectories,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? FinishedAt,
    TaskError? Error,
    Guid? LeaseId,
    PendingReason? PendingReason = null,
    TaskProgress? Progress = null)
{
    public static TaskView From(TaskRecord t, bool stale = false, PendingReason? pending = null, TaskProgress? progress = null) => new(
        t.Id, t.Tenant, t.Device, t.Dialect, t.Shots, t.Seed, t.Priority, t.Tags, t.State, t.Phase, t.Owner, t.Attempt,
        t.RequestedSnapshotVersion, t.AdmittedSnapshotVersion, t.BoundSnapshotVersion, t.SchedulerJobId, stale,
        t.NumQubits, t.InstructionCount, t.Transpile, t.Trajectories, t.CreatedAt, t.UpdatedAt, t.ClaimedAt, t.SubmittedAt, t.FinishedAt, t.Error, t.LeaseId,
        t.State == TaskState.Queued ? pending : null, t.State == TaskState.Running ? progress : null);
}

/// <summary>A page of tasks, newest first; pass <see cref="NextCursor"/> as `cursor` for the next page.</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Items, string? NextCursor);

/// <summary>`GET /v1/tasks/{id}/result` once terminal: the agent's result document when completed, the error otherwise.</summary>
public sealed record TaskResultView(Guid TaskId, TaskState State, int? BoundSnapshotVersion, JsonElement? Result, TaskError? Error);

/// <summary><see cref="SurvivesAgent"/>: the job is held by a cluster scheduler (Slurm), so a stale agent alone does not requeue it.</summary>
public sealed record ReportRunningRequest(string? AgentId, string? SchedulerJobId = null, string? Incarnation = null, bool? SurvivesAgent = null);

public sealed record ReportCompletedRequest(string? AgentId, JsonElement Result, string? Incarnation = null);

public sealed record ReportFailedRequest(string? AgentId, string? Code, string? Origin, string? Message, string? Detail = null, string? Incarnation = null);

public sealed record RequeueRequest(bool Force = false);

public sealed record ForceFailRequest(string? Reason);
