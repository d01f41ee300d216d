using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Local;

/// <summary>
/// Runs each job as a `qonduit runner &lt;dir&gt;` process on this machine, in its own session so that it outlives an
/// agent that stops or dies (the restarted agent adopts it by <see cref="ProcessIdentity"/>). A small shell wrapper
/// records the runner's exit status in the run directory, so how a job ended is known even to an agent that did not
/// start it.
/// </summary>
public sealed class LocalProcessScheduler(LocalSchedulerOptions options, TimeProvider? timeProvider = null) : IScheduler
{
    /// <summary>Written by the wrapper when the runner exits: its exit status (128 + N when killed by signal N).</summary>
    public const string ExitFile = "local-exit";

    /// <summary>Written before the adapter kills a job, so its end reads as cancelled rather than as a crash.</summary>
    public const string CancelledFile = "local-cancelled";

    /// <summary>Written before the adapter interrupts a job (reclaim), so a runner that stops on it reads as interrupted rather than as a crash.</summary>
    public const string InterruptedFile = "local-interrupted";

    /// <summary>The runner's standard output and error.</summary>
    public const string OutputFile = "job.out";

    // The wrapper moves its own standard streams to job.out first, so a job never holds the agent's stdout open; with a
    // memory limit it joins the job's cgroup before starting the runner, so the runner is limited from its first page.
    // It catches SIGTERM (a caught signal is reset for the runner it starts) so that on cancel it outlives the runner:
    // the slot stays taken, and the exit file records the runner's own status, until the runner has gone.
    private const string Wrapper =
        "trap : TERM; cd \"$1\" 2>/dev/null || exit 97; exec </dev/null >>" + OutputFile + " 2>&1; " +
        "if [ -n \"$" + CgroupVariable + "\" ]; then echo $$ > \"$" + CgroupVariable + "\" || exit 96; unset " + CgroupVariable + "; fi; " +
        "shift; \"$@\"; code=$?; " +
        "echo \"$code\" > " + ExitFile + ".tmp && mv -f " + ExitFile + ".tmp " + ExitFile;

    private const string CgroupVariable = "QONDUIT_JOB_CGROUP_PROCS";

    private static readonly TimeSpan CapacityPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a cancelled job has to stop after SIGTERM before its group is killed.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly HashSet<ProcessIdentity> _known = [];

    public string Name => "local";

    public bool JobsOutliveAgent => true;

    public bool JobsHeldByCluster => false;

    public async Task<SubmitOutcome> SubmitAsync(string runDirectory, CancellationToken cancellationToken)
    {
        while (RunningCount() >= Math.Max(1, options.MaxConcurrent))
            await Task.Delay(CapacityPoll, _time, cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in (string[])["sh", "-c", Wrapper, "qonduit-local-job", Path.GetFullPath(runDirectory), .. options.RunnerCommand, "runner", Path.GetFullPath(runDirectory)])
            start.ArgumentList.Add(arg);
        if (options.MemoryLimit is { } cgroups) start.Environment[CgroupVariable] = cgroups.Create(CgroupOf(runDirectory));
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            return new SubmitOutcome.Refused($"could not start the runner process: {e.Message}");
        }
        if (process is null) return new SubmitOutcome.Refused("could not start the runner process");
        using (process)
        {
            // A process that already exited still has its /proc entry until .NET reaps it; either way the exit file tells the end.
            var identity = ProcessIdentity.Of(process.Id) ?? new ProcessIdentity(process.Id, 0);
            lock (_gate) _known.Add(identity);
            return new SubmitOutcome.Accepted(identity.JobId);
        }
    }

    public Task<IReadOnlySet<string>> ObserveActiveAsync(IReadOnlyCollection<JobRef> jobs, CancellationToken cancellationToken)
    {
        var active = new HashSet<string>();
        foreach (var job in jobs)
        {
            if (!ProcessIdentity.TryParse(job.JobId, out var identity)) continue;
            lock (_gate) _known.Add(identity);
            if (identity.IsAlive() && !File.Exists(Path.Combine(job.RunDirectory, ExitFile))) active.Add(job.JobId);
        }
        return Task.FromResult<IReadOnlySet<string>>(active);
    }

    public Task<JobTermination?> QueryTerminalAsync(JobRef job, CancellationToken cancellationToken)
    {
        var termination = Terminal(job);
        if (termination is not null) options.MemoryLimit?.Remove(CgroupOf(job.RunDirectory));
        return Task.FromResult(termination);
    }

    private JobTermination? Terminal(JobRef job)
    {
        if (!ProcessIdentity.TryParse(job.JobId, out var identity))
            return new JobTermination(JobEndState.Lost, Reason: $"'{job.JobId}' is not a local job id");
        lock (_gate) _known.Remove(identity);
        var cancelled = File.Exists(Path.Combine(job.RunDirectory, CancelledFile));
        var interrupted = File.Exists(Path.Combine(job.RunDirectory, InterruptedFile));
        var exitPath = Path.Combine(job.RunDirectory, ExitFile);
        if (!File.Exists(exitPath))
        {
            if (identity.IsAlive()) return null;
            return cancelled
                ? new JobTermination(JobEndState.Cancelled, Reason: "cancelled by the agent")
                : new JobTermination(JobEndState.Lost, Reason: $"process {identity.Pid} ended without recording an exit status");
        }
        var text = File.ReadAllText(exitPath).Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            return new JobTermination(JobEndState.Lost, Reason: $"unreadable exit status '{text}'");
        return status switch
        {
            0 => new JobTermination(JobEndState.Completed, ExitCode: 0),
            _ when cancelled => new JobTermination(JobEndState.Cancelled, Reason: "cancelled by the agent"),
            _ when interrupted => new JobTermination(JobEndState.Cancelled, ExitCode: status, Reason: "interrupted by the agent (reclaim)"),
            // Only the kernel's OOM killer raises the cgroup's counter: any other SIGKILL stays a crash.
            > 128 when options.MemoryLimit?.WasOomKilled(CgroupOf(job.RunDirectory)) == true =>
                new JobTermination(JobEndState.OutOfMemory, Signal: status - 128, Reason: "killed by the kernel at the memory limit"),
            > 128 => new JobTermination(JobEndState.Failed, Signal: status - 128),
            _ => new JobTermination(JobEndState.Failed, ExitCode: status),
        };
    }

    /// <summary>
    /// SIGTERM to the job's process group, so the runner stops its simulation and exits Cancelled at once; a group still
    /// there <see cref="KillGrace"/> later gets SIGKILL. The agent is not held up by the wait: the slot stays taken
    /// (the wrapper lives until the runner has gone) and the next submission waits for it.
    /// </summary>
    public Task CancelAsync(JobRef job, CancellationToken cancellationToken)
    {
        if (!ProcessIdentity.TryParse(job.JobId, out var identity) || !identity.IsAlive()) return Task.CompletedTask;
        File.WriteAllText(Path.Combine(job.RunDirectory, CancelledFile), "");
        ProcessGroup.Terminate(identity.Pid);
        _ = KillAfterGraceAsync(identity);
        return Task.CompletedTask;
    }

    /// <summary>
    /// SIGTERM to the job's process group, as a cancel starts, and nothing more: the runner stops by itself (Cancelled,
    /// exit 3) or, given a runner that handles it, finishes what it can; no SIGKILL follows, since the server's reclaim
    /// grace decides when the task is taken back (and the agent then cancels the job). A job that then exits non-zero
    /// reads as Cancelled, interrupted; one that exits 0 completed.
    /// </summary>
    public Task InterruptAsync(JobRef job, CancellationToken cancellationToken)
    {
        if (!ProcessIdentity.TryParse(job.JobId, out var identity) || !identity.IsAlive()) return Task.CompletedTask;
        File.WriteAllText(Path.Combine(job.RunDirectory, InterruptedFile), "");
        ProcessGroup.Terminate(identity.Pid);
        return Task.CompletedTask;
    }

    private async Task KillAfterGraceAsync(ProcessIdentity identity)
    {
        await Task.Delay(KillGrace, _time).ConfigureAwait(false);
        // The identity (pid and start time) guards against a pid reused since: only the job's own wrapper is signalled.
        if (identity.IsAlive()) ProcessGroup.Kill(identity.Pid);
    }

    // Named after the run directory (the task id), so an agent restarted on the same run root finds a job's cgroup.
    private static string CgroupOf(string runDirectory) => "job-" + Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDirectory)));

    private int RunningCount()
    {
        lock (_gate)
        {
            _known.RemoveWhere(identity => !identity.IsAlive());
            return _known.Count;
        }
    }
}
