using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm;

/// <summary>Slurm's job states (squeue/scontrol/sacct long names) mapped onto the scheduler port.</summary>
public static class SlurmStates
{
    private static readonly HashSet<string> Active = new(StringComparer.Ordinal)
    {
        "PENDING", "RUNNING", "SUSPENDED", "COMPLETING", "CONFIGURING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD",
        "RESIZING", "RESV_DEL_HOLD", "SIGNALING", "STAGE_OUT", "STOPPED",
    };

    /// <summary>True for a state in which the job is queued, runs, or is still being torn down.</summary>
    public static bool IsActive(string state) => Active.Contains(BaseState(state));

    /// <summary>Null for an active state; a terminal state maps to its <see cref="JobEndState"/>.</summary>
    public static JobTermination? ToTermination(string state, int? exitCode, int? signal, string? reason, bool neverStarted)
    {
        var name = BaseState(state);
        if (Active.Contains(name)) return null;
        var detail = string.Join("; ", new[] { $"Slurm state {state}", reason }.Where(s => !string.IsNullOrEmpty(s)));
        return name switch
        {
            "COMPLETED" => new JobTermination(JobEndState.Completed, exitCode ?? 0, null, detail),
            "FAILED" => new JobTermination(JobEndState.Failed, exitCode, signal, detail),
            "CANCELLED" or "PREEMPTED" => new JobTermination(JobEndState.Cancelled, exitCode, signal,
                neverStarted ? detail + "; before it started" : detail),
            "TIMEOUT" or "DEADLINE" => new JobTermination(JobEndState.TimedOut, exitCode, signal, detail),
            "OUT_OF_MEMORY" => new JobTermination(JobEndState.OutOfMemory, exitCode, signal, detail),
            _ => new JobTermination(JobEndState.Lost, exitCode, signal, detail),
        };
    }

    // sacct writes "CANCELLED by 0"; a trailing '+' marks more states in squeue's compact output.
    private static string BaseState(string state)
    {
        var space = state.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? state : state[..space]).TrimEnd('+');
    }
}
