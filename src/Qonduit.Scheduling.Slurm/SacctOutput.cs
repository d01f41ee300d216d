using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm;

/// <summary>
/// Reads `sacct --jobs=ID --allocations --noheader --parsable2 --format=JobID,State,ExitCode,Reason,Elapsed`: the
/// allocation's line gives the terminal state when slurmdbd keeps accounting (which outlives MinJobAge).
/// </summary>
public static class SacctOutput
{
    public const string Format = "JobID,State,ExitCode,Reason,Elapsed";

    /// <summary>Null when sacct has no line for the job; otherwise its state (which may still be active).</summary>
    public static SacctLine? Parse(string stdout, string jobId)
    {
        foreach (var raw in stdout.Split('\n'))
        {
            var fields = raw.Trim().Split('|');
            if (fields.Length < 5 || fields[0] != jobId) continue;
            var (exitCode, signal) = SlurmJobRecord.ParseExitCode(fields[2]);
            return new SacctLine(fields[1], exitCode, signal, fields[3] is "" or "None" ? null : fields[3], fields[4] is "" or "00:00:00");
        }
        return null;
    }
}

public sealed record SacctLine(string State, int? ExitCode, int? Signal, string? Reason, bool NeverStarted)
{
    public JobTermination? Termination() => SlurmStates.ToTermination(State, ExitCode, Signal, Reason, NeverStarted);
}
