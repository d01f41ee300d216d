using System.Collections.Immutable;

namespace Qonduit.Storage;

/// <summary>
/// The control plane's authoritative record of one task. Only the server's <c>TaskAutomaton</c> produces a changed
/// copy of it; stores persist it as given.
/// </summary>
public sealed record TaskRecord
{
    public required Guid Id { get; init; }

    /// <summary>Store-assigned insertion order: the queue's FIFO order and the list cursor.</summary>
    public long Sequence { get; init; }

    /// <summary>The user whose key submitted it (any of that user's keys sees it); another tenant never sees it.</summary>
    public required string Tenant { get; init; }

    public required string Device { get; init; }

    public required string Dialect { get; init; }

    public required string Circuit { get; init; }

    public required int Shots { get; init; }

    public long? Seed { get; init; }

    /// <summary>Set when the submitter pinned a past snapshot version (replay); claim then binds that version.</summary>
    public int? RequestedSnapshotVersion { get; init; }

    /// <summary>The version admission checked against (advertised, possibly cached).</summary>
    public required int AdmittedSnapshotVersion { get; init; }

    public int Priority { get; init; }

    /// <summary>The lease the task was submitted with (its public id; the token is never kept).</summary>
    public Guid? LeaseId { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public int NumQubits { get; init; }

    public int InstructionCount { get; init; }

    /// <summary>Submitted logical: the runner transpiles it onto the bound snapshot. False: admitted as native and run as written.</summary>
    public bool Transpile { get; init; }

    /// <summary>The error-pattern budget of a noisy run (<c>SimulationOptions.Trajectories</c>); null: one pattern per shot.</summary>
    public int? Trajectories { get; init; }

    /// <summary>
    /// The resource requirement it was submitted with (docs/orchestration.md §2), or null for a task bound to its device:
    /// a requirement task is placed at claim time, and <see cref="Device"/> then names the device whose snapshot it runs on.
    /// </summary>
    public string? Requirement { get; init; }

    /// <summary>With a requirement: "device" (simulate with the device snapshot's noise) or "ideal" (noiseless); null otherwise.</summary>
    public string? Noise { get; init; }

    /// <summary>
    /// While a requirement task runs: the resource placement chose (a QPU or a pool) and the alternative that chose it, so
    /// a pool's free slots and the rusage[] reservations held on a resource are read from the running tasks themselves
    /// (durable, nothing to rebuild after a restart). Null for a queued task and a task bound to its device.
    /// </summary>
    public string? Resource { get; init; }

    /// <inheritdoc cref="Resource"/>
    public int? PlacedAlternative { get; init; }

    /// <summary>
    /// The device a requirement task named at submission. A claim on a QPU rebinds <see cref="Device"/> to that QPU; a
    /// requeue restores this one, so a later placement on a simulator pool runs with the noise (and pinned version) the
    /// user asked for, not the last QPU's. Null for a task bound to its device.
    /// </summary>
    public string? SubmittedDevice { get; init; }

    /// <summary>
    /// A command task's step (docs/architecture.md "Command tasks"): it has a requirement, no circuit (empty), 0 shots,
    /// and is stored under the reserved device name "command". Null for a circuit.
    /// </summary>
    public TaskCommand? Command { get; init; }

    /// <summary>
    /// The leaf consumer charged for it (docs/orchestration.md §3): its user's at submission, kept when the user is
    /// later assigned elsewhere, as a Slurm job keeps the account it was submitted under.
    /// </summary>
    public string Consumer { get; init; } = "/default";

    /// <summary>The kind of resource it ran on ("qpu", or a pool's kind: "sim", "cpu", "gpu"), set at claim: the pool kind fair share charges.</summary>
    public string? ResourceKind { get; init; }

    /// <summary>
    /// When fair share took its slot back (reclaim): the runner was interrupted, and the task is requeued, its attempt
    /// unchanged, when it stops or when the consumer's reclaim grace has passed. Null otherwise.
    /// </summary>
    public DateTimeOffset? InterruptedAt { get; init; }

    /// <summary>Accounting, set when it ends after a claim: seconds it held a QPU lane (claim to end; null off a QPU).</summary>
    public double? LaneSeconds { get; init; }

    /// <summary>Accounting: CPU seconds its runner reported using; null when none was reported.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Accounting: state-vector simulations its runner performed; null when it reported none.</summary>
    public int? Simulations { get; init; }

    public TaskState State { get; init; } = TaskState.Queued;

    public TaskPhase? Phase { get; init; }

    /// <summary>The agent that claimed it; kept after a terminal transition so the agent can learn the outcome.</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// The owner's process incarnation at claim (null for an agent that sends none): reports from any other incarnation
    /// are refused, and a new incarnation that does not list the task in its heartbeats loses it.
    /// </summary>
    public string? OwnerIncarnation { get; init; }

    /// <summary>Consecutive heartbeats of the owning incarnation that omitted this task (two requeue it).</summary>
    public int MissedHeartbeats { get; init; }

    /// <summary>The agent said with REPORT-RUNNING that a cluster scheduler holds the job (Slurm): a stale owner alone does not requeue it.</summary>
    public bool SurvivesAgent { get; init; }

    /// <summary>1 at submission; every requeue (admin or automatic) increments it.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The authoritative snapshot version bound at claim time (never a cached one).</summary>
    public int? BoundSnapshotVersion { get; init; }

    public string? SchedulerJobId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public TaskError? Error { get; init; }

    /// <summary>The agent's result document (counts, timings, ...), kept verbatim.</summary>
    public string? ResultJson { get; init; }

    public bool IsTerminal => State.IsTerminal();
}
