namespace Qonduit.Agent.Runs;

/// <summary>
/// REPORT-FAILED codes the agent itself decides (failure provenance); each has one origin. The runner's own codes
/// (payload_invalid, circuit_invalid, too_large_for_memory, simulation_error) are passed on with origin `runner`.
/// </summary>
public static class FailureCodes
{
    /// <summary>Scheduler: SUBMIT was refused (bad partition, controller down, the runner could not be started).</summary>
    public const string SubmitRefused = "submit_refused";

    /// <summary>Scheduler: the job never started or vanished; the scheduler has no record of how it ended.</summary>
    public const string JobLost = "job_lost";

    /// <summary>Scheduler: cancelled by the scheduler or from outside Qonduit (e.g. `scancel`), or preempted.</summary>
    public const string JobCancelled = "job_cancelled";

    /// <summary>Scheduler: killed for exceeding its time limit.</summary>
    public const string JobTimeout = "job_timeout";

    /// <summary>Runner: killed for exceeding its memory.</summary>
    public const string OutOfMemory = "out_of_memory";

    /// <summary>Runner: exited non-zero or by a signal without writing error.json.</summary>
    public const string RunnerCrashed = "runner_crashed";

    /// <summary>Agent: the job ended but left neither result.json nor error.json.</summary>
    public const string ArtifactMissing = "artifact_missing";

    /// <summary>Agent: result.json or error.json is there but unreadable.</summary>
    public const string ArtifactMalformed = "artifact_malformed";

    /// <summary>Agent: the claim could not be materialised into its run directory.</summary>
    public const string PayloadWriteFailed = "payload_write_failed";

    /// <summary>Agent: the agent stopped between deciding to submit and recording the job id; the job's fate is unknown.</summary>
    public const string SubmitInterrupted = "submit_interrupted";
}
