using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm;

/// <summary>
/// The Slurm adapter: `sbatch --parsable` a rendered script, `squeue` for the jobs still active, `scontrol show job`
/// (or `sacct` with slurmdbd) for how one ended, `scancel` (with `--signal=TERM --full` to interrupt). Job ids are
/// Slurm's, so they survive an agent restart.
/// </summary>
public sealed class SlurmScheduler(SlurmOptions options, ICommandRunner? commands = null) : IScheduler
{
    private readonly ICommandRunner _run = commands ?? new ProcessCommandRunner();

    public string Name => "slurm";

    public bool JobsOutliveAgent => true;

    public bool JobsHeldByCluster => true;

    public async Task<SubmitOutcome> SubmitAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetFullPath(runDirectory), SbatchScript.FileName);
        await File.WriteAllTextAsync(script, SbatchScript.Render(options, runDirectory), cancellationToken).ConfigureAwait(false);
        var result = await _run.RunAsync("sbatch", ["--parsable", script], options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return new SubmitOutcome.Refused(result.Describe("sbatch"));
        // --parsable prints "jobid" or "jobid;cluster".
        var jobId = result.Stdout.Trim().Split('\n')[^1].Split(';')[0].Trim();
        return jobId.Length > 0 && jobId.All(char.IsAsciiDigit)
            ? new SubmitOutcome.Accepted(jobId)
            : new SubmitOutcome.Refused($"sbatch printed no job id: '{result.Stdout.Trim()}'");
    }

    public async Task<IReadOnlySet<string>> ObserveActiveAsync(IReadOnlyCollection<JobRef> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0) return new HashSet<string>();
        var ids = string.Join(',', jobs.Select(j => j.JobId).Distinct());
        var result = await _run.RunAsync("squeue", ["--noheader", $"--format={SqueueOutput.Format}", $"--jobs={ids}"],
            options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (SqueueOutput.IsInvalidJobId(result)) return new HashSet<string>();
        if (!result.Succeeded) throw new SchedulerUnavailableException(result.Describe("squeue"));
        return SqueueOutput.Parse(result.Stdout).Where(j => SlurmStates.IsActive(j.Value)).Select(j => j.Key).ToHashSet();
    }

    public async Task<JobTermination?> QueryTerminalAsync(JobRef job, CancellationToken cancellationToken)
    {
        if (options.UseSacct)
        {
            var accounting = await _run.RunAsync("sacct",
                [$"--jobs={job.JobId}", "--allocations", "--noheader", "--parsable2", $"--format={SacctOutput.Format}"],
                options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (accounting.Succeeded && SacctOutput.Parse(accounting.Stdout, job.JobId) is { } line) return line.Termination();
        }
        var result = await _run.RunAsync("scontrol", ["show", "job", "--oneliner", job.JobId], options.CommandTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (SqueueOutput.IsInvalidJobId(result))
            return new JobTermination(JobEndState.Lost, Reason: $"Slurm has no record of job {job.JobId} (never started, or purged after MinJobAge)");
        if (!result.Succeeded) throw new SchedulerUnavailableException(result.Describe("scontrol"));
        return SlurmJobRecord.Parse(result.Stdout).Termination();
    }

    public Task CancelAsync(JobRef job, CancellationToken cancellationToken) => ScancelAsync([job.JobId], cancellationToken);

    /// <summary>
    /// Without `--full` (or `--batch`) Slurm sends a signal other than SIGKILL to job steps only, never to the batch step,
    /// which is where the runner runs (the script `exec`s it); `--full` reaches the batch script and every process under
    /// it. A pending job cannot be signalled, and scancel retries one for tens of seconds ("Job can not be altered now"):
    /// it has run nothing, so it is cancelled instead. The state filters make each call a no-op for a job in the other
    /// state, and the order leaves no gap: a job still pending at the first is cancelled, one past it is signalled.
    /// </summary>
    public async Task InterruptAsync(JobRef job, CancellationToken cancellationToken)
    {
        await ScancelAsync(["--state=PENDING", job.JobId], cancellationToken).ConfigureAwait(false);
        await ScancelAsync(["--signal=TERM", "--full", "--state=RUNNING", job.JobId], cancellationToken).ConfigureAwait(false);
    }

    private async Task ScancelAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await _run.RunAsync("scancel", arguments, options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded || SqueueOutput.IsInvalidJobId(result)) return;
        // scancel of a job that already ended answers "Job/step already completing or completed": nothing left to stop.
        if (result.Stderr.Contains("already complet", StringComparison.OrdinalIgnoreCase)) return;
        throw new SchedulerUnavailableException(result.Describe("scancel"));
    }
}
