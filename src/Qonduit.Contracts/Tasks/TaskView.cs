namespace Qonduit.Contracts.Tasks;

/// <summary>
/// The task record as the API shows it (docs/architecture.md "REST API"): state, the scheduler <see cref="Step"/> of a running
/// task, owner, attempt, boundSnapshotVersion, timestamps, error; <see cref="PendingReason"/> while queued and the runner's
/// <see cref="Progress"/> while running (both computed when the view is built, never stored); <see cref="Usage"/>, what it
/// used, once it ended after a claim. <see cref="Command"/>: a command task's command name (docs/architecture.md "Command tasks").
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
    TaskProgress? Progress = null,
    string? Requirement = null,
    string? Noise = null,
    Qonduit.Contracts.Placement.PlacementDecision? Placement = null,
    Qonduit.Contracts.Accounting.TaskUsageView? Usage = null,
    string? Command = null);
