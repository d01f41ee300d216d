using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Runs;

/// <summary>The one terminal report a finished job leads to. Closed union.</summary>
public abstract record FinalReport
{
    private FinalReport() { }

    /// <summary><paramref name="Result"/> is result.json as the runner wrote it.</summary>
    public sealed record Completed(RunResult Result) : FinalReport;

    public sealed record Failed(TaskFailure Failure) : FinalReport;
}

/// <summary>
/// Decides the report of a job that is no longer active from the run directory's artifacts and the scheduler's
/// account. A whole result.json wins (the runner renames it into place only when it is complete); then the
/// runner's own error.json; then what the scheduler saw; and a job that exited cleanly without an artifact is the
/// agent's finding.
/// </summary>
public static class Finalisation
{
    public static FinalReport Decide(JobTermination termination, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(termination);
        switch (ArtifactFiles.ReadResult(runDirectory))
        {
            case Artifact<RunResult>.Present present:
                return new FinalReport.Completed(present.Value);
            case Artifact<RunResult>.Malformed malformed:
                return Failed(ErrorCodes.Agent.ArtifactMalformed, FailureOrigins.Agent, malformed.Reason, termination);
        }
        switch (ArtifactFiles.ReadError(runDirectory))
        {
            case Artifact<RunError>.Present present:
                return RunnerFailed(present.Value);
            case Artifact<RunError>.Malformed malformed:
                return Failed(ErrorCodes.Agent.ArtifactMalformed, FailureOrigins.Agent, malformed.Reason, termination);
        }
        return termination.State switch
        {
            JobEndState.Cancelled => Failed(ErrorCodes.Scheduler.JobCancelled, FailureOrigins.Scheduler, "the scheduler cancelled the job", termination),
            JobEndState.TimedOut => Failed(ErrorCodes.Scheduler.JobTimeout, FailureOrigins.Scheduler, "the job exceeded its time limit", termination),
            JobEndState.OutOfMemory => Failed(ErrorCodes.Runner.OutOfMemory, FailureOrigins.Runner, "the runner ran out of memory", termination),
            JobEndState.Lost => Failed(ErrorCodes.Scheduler.JobLost, FailureOrigins.Scheduler, "the job never started or vanished from the scheduler", termination),
            JobEndState.Failed => Failed(ErrorCodes.Runner.Crashed, FailureOrigins.Runner, Crash(termination), termination),
            _ => Failed(ErrorCodes.Agent.ArtifactMissing, FailureOrigins.Agent, "the job ended cleanly but left neither result.json nor error.json", termination),
        };
    }

    /// <summary>
    /// The report a whole artifact already settles while the job may still be winding down (the runner writes it as its
    /// last act, by rename), so the task need not wait for the scheduler to notice the job ended; null when the run
    /// directory holds no whole artifact yet. A malformed artifact is not decided here: the job's end state explains it.
    /// </summary>
    public static FinalReport? FromWholeArtifact(string runDirectory)
    {
        if (ArtifactFiles.ReadResult(runDirectory) is Artifact<RunResult>.Present result) return new FinalReport.Completed(result.Value);
        if (ArtifactFiles.ReadError(runDirectory) is Artifact<RunError>.Present error) return RunnerFailed(error.Value);
        return null;
    }

    private static FinalReport.Failed RunnerFailed(RunError error) => new(new TaskFailure(error.Code, FailureOrigins.Runner, error.Message));

    private static string Crash(JobTermination termination) => termination switch
    {
        { Signal: { } signal and not 0 } => $"the runner was killed by signal {signal}",
        { ExitCode: { } code } => $"the runner exited with code {code} without writing error.json",
        _ => "the runner failed without writing error.json",
    };

    private static FinalReport.Failed Failed(string code, string origin, string message, JobTermination termination) =>
        new(new TaskFailure(code, origin, $"{message} (scheduler: {termination})"));
}
