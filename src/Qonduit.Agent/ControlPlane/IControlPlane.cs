using Qonduit.Contracts.Resources;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Agent.ControlPlane;

/// <summary>
/// The agent protocol (docs/architecture.md "REST API", agent role): CLAIM, HEARTBEAT and the three reports. The agent only ever
/// calls out; a transport failure is a <see cref="ControlPlaneUnavailableException"/> and the call is repeated later.
/// Every call carries the agent process's incarnation (docs/architecture.md "Task lifecycle"): the server tells a restarted agent from
/// the one that claimed a task by it. Any call may throw <see cref="AgentIdTakenException"/>: the agent id belongs to another key.
/// </summary>
public interface IControlPlane
{
    /// <summary>
    /// Long-polls for queued tasks and takes up to <paramref name="max"/> (at most <paramref name="capacity"/>, the free
    /// slots) in one claim; the server binds each its current authoritative snapshot and returns them.
    /// </summary>
    Task<ClaimAnswer> ClaimAsync(string incarnation, int capacity, TimeSpan wait, CancellationToken cancellationToken, int max = 1);

    /// <summary>
    /// Tells the server this agent lives, which tasks it holds (any other it owns is lost), how often it heartbeats and
    /// the runners' latest progress of the tasks that have some; the answer names those it should let go and those whose
    /// jobs it should interrupt.
    /// </summary>
    /// <param name="waitForCancellation">When nothing is to be let go or interrupted, the answer may wait this long for a
    /// listed task to be cancelled or interrupted (zero: answer at once).</param>
    /// <param name="indices">Per resource the agent serves, the latest load-index values its reporters sent (none: left out).</param>
    Task<HeartbeatAnswer> HeartbeatAsync(
        string incarnation, IReadOnlyCollection<string> taskIds, IReadOnlyDictionary<string, TaskProgress> progress, TimeSpan interval,
        TimeSpan waitForCancellation, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>> indices,
        CancellationToken cancellationToken);

    /// <summary>`GET /v1/loadindices`: the declared load indices the reporters' lines are checked against.</summary>
    Task<LoadIndexCatalogView> LoadIndicesAsync(CancellationToken cancellationToken);

    /// <param name="jobHeldByCluster">Only a live agent may give the task up (<see cref="Scheduling.IScheduler.JobsHeldByCluster"/>).</param>
    Task<ReportAnswer> ReportRunningAsync(string incarnation, string taskId, string schedulerJobId, bool jobHeldByCluster, CancellationToken cancellationToken);

    /// <summary><paramref name="result"/> is the runner's result.json.</summary>
    Task<ReportAnswer> ReportCompletedAsync(string incarnation, string taskId, RunResult result, CancellationToken cancellationToken);

    Task<ReportAnswer> ReportFailedAsync(string incarnation, string taskId, TaskFailure failure, CancellationToken cancellationToken);

    /// <summary>
    /// Lets final reports claim their tasks' successors in the same call, for an adapter that can (others ignore it).
    /// Before a call carrying <c>n</c> completions or failures, <paramref name="reserve"/>(n) says how many tasks it may
    /// claim and reserves their slots; afterwards <paramref name="claimed"/> receives what it claimed and how many reserved
    /// slots went unused (all of them when the call failed). <paramref name="claimed"/> is not awaited by the reports.
    /// </summary>
    void ClaimWithReports(Func<int, int> reserve, Func<IReadOnlyList<ClaimAnswer.Claimed>, int, Task> claimed);
}

/// <summary>A task as claimed: what the runner needs, and the snapshot version the claim bound.</summary>
/// <param name="Transpile">The circuit is logical: the runner maps it onto the bound snapshot before simulating.</param>
/// <param name="Trajectories">The error-pattern budget of a noisy run; null: one pattern per shot (exact).</param>
/// <param name="Command">A command task's step; null for a circuit.</param>
public sealed record ClaimedTask(
    string Id,
    string Device,
    string Dialect,
    string Circuit,
    int Shots,
    long? Seed,
    int Attempt,
    int BoundSnapshotVersion,
    bool Transpile = false,
    int? Trajectories = null,
    TaskCommand? Command = null);

/// <summary>What CLAIM answered. Closed union.</summary>
public abstract record ClaimAnswer
{
    private ClaimAnswer() { }

    public sealed record Claimed(ClaimedTask Task, DeviceSnapshot Snapshot) : ClaimAnswer
    {
        /// <summary>The further tasks the same claim took (asked for more than one), in claim order.</summary>
        public IReadOnlyList<Claimed> More { get; init; } = [];

        /// <summary>This task and the further ones.</summary>
        public IEnumerable<Claimed> All => More.Prepend(this);
    }

    /// <summary>The long poll ended without work (HTTP 204).</summary>
    public sealed record NoWork : ClaimAnswer;
}

/// <summary>
/// Of the tasks named in a heartbeat: those cancelled meanwhile, and those this agent no longer owns (requeued, failed by an
/// admin, unknown); and the version of the load-index declarations (null from a server without them).
/// </summary>
public sealed record HeartbeatAnswer(IReadOnlyList<string> Cancelled, IReadOnlyList<string> Unknown, long? LoadIndicesVersion = null)
{
    public static HeartbeatAnswer None { get; } = new([], []);

    /// <summary>Tasks still this agent's whose slot fair share takes back (reclaim): interrupt their jobs and keep holding them.</summary>
    public IReadOnlyList<string> Interrupted { get; init; } = [];
}

/// <summary>What a report answered. Closed union.</summary>
public abstract record ReportAnswer
{
    private ReportAnswer() { }

    public sealed record Accepted : ReportAnswer;

    /// <summary>
    /// Refused for good (409: the task is terminal or not ours, or <see cref="StaleOwner"/>: a later incarnation of this
    /// agent owns it; 404: unknown); the server keeps it as evidence. Not retried.
    /// </summary>
    public sealed record Rejected(int Status, string Code, string Message) : ReportAnswer
    {
    }
}

/// <summary>REPORT-FAILED's body: a stable <paramref name="Code"/> and who failed (<see cref="FailureOrigins"/>).</summary>
public sealed record TaskFailure(string Code, string Origin, string Message);

public static class FailureOrigins
{
    public const string Scheduler = "scheduler";
    public const string Runner = "runner";
    public const string Agent = "agent";
}
