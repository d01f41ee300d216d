using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent.Scheduling;

/// <summary>
/// The scheduler port: how the agent realises a materialised run directory as a job and learns how it ended.
/// Adapters (local processes, Slurm) hold their site settings themselves; the control plane never sees them.
/// A job id must stay meaningful across an agent restart, because reconciliation adopts jobs by id.
/// </summary>
public interface IScheduler
{
    /// <summary>Short name recorded beside the job id in the run directory ("local", "slurm").</summary>
    string Name { get; }

    /// <summary>
    /// A job keeps running when the agent process dies (Slurm, runner processes), so a restarted agent adopts it
    /// instead of starting it again.
    /// </summary>
    bool JobsOutliveAgent { get; }

    /// <summary>
    /// A job lives in a cluster scheduler rather than on the agent's host (Slurm): it may hold an allocation for hours
    /// whether or not the agent comes back, so only an agent that sees it end may give the task up, and the control
    /// plane does not requeue it just because the agent went quiet. A runner process on the agent's host is not such a
    /// job: if the agent never returns, nothing would report it.
    /// </summary>
    bool JobsHeldByCluster { get; }

    /// <summary>SUBMIT: hands the run directory to the scheduler; a refusal is an answer, not an exception.</summary>
    Task<SubmitOutcome> SubmitAsync(string runDirectory, CancellationToken cancellationToken);

    /// <summary>OBSERVE_ACTIVE: the subset of <paramref name="jobs"/> the scheduler still runs or queues (one batched query).</summary>
    Task<IReadOnlySet<string>> ObserveActiveAsync(IReadOnlyCollection<JobRef> jobs, CancellationToken cancellationToken);

    /// <summary>QUERY_TERMINAL: how a job no longer active ended; null when the scheduler says it is in fact still active.</summary>
    Task<JobTermination?> QueryTerminalAsync(JobRef job, CancellationToken cancellationToken);

    /// <summary>CANCEL: asks the scheduler to stop the job; cancelling a finished job is not an error.</summary>
    Task CancelAsync(JobRef job, CancellationToken cancellationToken);

    /// <summary>
    /// INTERRUPT (fair share's reclaim): asks the job's runner to stop by itself — its cancellation in process, SIGTERM to
    /// a runner process, never a kill — and leaves the rest to the job: it ends as the runner then exits and is finalised
    /// as any other. Interrupting a finished job is not an error; <see cref="SchedulerUnavailableException"/> when the
    /// scheduler could not be asked (the agent asks again at its next heartbeat).
    /// </summary>
    Task InterruptAsync(JobRef job, CancellationToken cancellationToken);
}

/// <summary>
/// Implemented by a scheduler that knows the moment a job ends (the in-process adapter): the agent's finalisation then
/// runs at once instead of at its next observation interval.
/// </summary>
public interface IJobEndSignal
{
    /// <summary>Completes when a job ends after it was read; read it before observing, so an end in between is not missed.</summary>
    Task NextEnd { get; }
}

/// <summary>
/// Implemented by a scheduler whose jobs tell it their progress directly (the in-process adapter's callback): the agent
/// asks it instead of reading the run directory's progress.jsonl.
/// </summary>
public interface IJobProgress
{
    /// <summary>The job's latest progress line; null when it has none (yet) or is not known here.</summary>
    TaskProgress? LatestProgress(JobRef job);
}

/// <summary>A job and the run directory it realises (adapters that keep job state on disk read it there).</summary>
public sealed record JobRef(string JobId, string RunDirectory);

/// <summary>What SUBMIT answered. Closed union.</summary>
public abstract record SubmitOutcome
{
    private SubmitOutcome() { }

    public sealed record Accepted(string JobId) : SubmitOutcome;

    public sealed record Refused(string Reason) : SubmitOutcome;
}

/// <summary>How a job ended, as the scheduler saw it.</summary>
public enum JobEndState
{
    /// <summary>The job's command exited 0.</summary>
    Completed,

    /// <summary>The job's command exited non-zero or was killed by a signal (<see cref="JobTermination.ExitCode"/>, <see cref="JobTermination.Signal"/>).</summary>
    Failed,

    /// <summary>Cancelled by the scheduler or by someone outside Qonduit (e.g. `scancel`).</summary>
    Cancelled,

    /// <summary>Killed for exceeding its time limit.</summary>
    TimedOut,

    /// <summary>Killed for exceeding its memory limit.</summary>
    OutOfMemory,

    /// <summary>Never started, or vanished: the scheduler has no (usable) record of how it ended.</summary>
    Lost,
}

public sealed record JobTermination(JobEndState State, int? ExitCode = null, int? Signal = null, string? Reason = null)
{
    public override string ToString()
    {
        var parts = new List<string> { State.ToString() };
        if (ExitCode is { } code) parts.Add($"exit code {code}");
        if (Signal is { } signal and not 0) parts.Add($"signal {signal}");
        if (!string.IsNullOrWhiteSpace(Reason)) parts.Add(Reason);
        return string.Join(", ", parts);
    }
}
