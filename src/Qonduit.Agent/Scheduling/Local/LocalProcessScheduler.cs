using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Qonduit.Agent.Scheduling.Local;

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

    /// <summary>The runner's standard output and error.</summary>
    public const string OutputFile = "job.out";

    // The wrapper moves its own standard streams to job.out first, so a job never holds the agent's stdout open.
    private const string Wrapper =
        "cd \"$1\" 2>/dev/null || exit 97; exec </dev/null >>" + OutputFile + " 2>&1; shift; \"$@\"; code=$?; " +
        "echo \"$code\" > " + ExitFile + ".tmp && mv -f " + ExitFile + ".tmp " + ExitFile;

    private static readonly TimeSpan CapacityPoll = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly Lock gate = new();
    private readonly HashSet<ProcessIdentity> known = [];

    public string Name => "local";

    public async Task<SubmitOutcome> SubmitAsync(string runDirectory, CancellationToken cancellationToken)
    {
        while (RunningCount() >= Math.Max(1, options.MaxConcurrent))
            await Task.Delay(CapacityPoll, time, cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in (string[])["sh", "-c", Wrapper, "qonduit-local-job", Path.GetFullPath(runDirectory), .. options.RunnerCommand, "runner", Path.GetFullPath(runDirectory)])
            start.ArgumentList.Add(arg);
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
            lock (gate) known.Add(identity);
            return new SubmitOutcome.Accepted(identity.JobId);
        }
    }

    public Task<IReadOnlySet<string>> ObserveActiveAsync(IReadOnlyCollection<JobRef> jobs, CancellationToken cancellationToken)
    {
        var active = new HashSet<string>();
        foreach (var job in jobs)
        {
            if (!ProcessIdentity.TryParse(job.JobId, out var identity)) continue;
            lock (gate) known.Add(identity);
            if (identity.IsAlive() && !File.Exists(Path.Combine(job.RunDirectory, ExitFile))) active.Add(job.JobId);
        }
        return Task.FromResult<IReadOnlySet<string>>(active);
    }

    public Task<JobTermination?> QueryTerminalAsync(JobRef job, CancellationToken cancellationToken)
    {
        if (!ProcessIdentity.TryParse(job.JobId, out var identity))
            return Task.FromResult<JobTermination?>(new JobTermination(JobEndState.Lost, Reason: $"'{job.JobId}' is not a local job id"));
        lock (gate) known.Remove(identity);
        var cancelled = File.Exists(Path.Combine(job.RunDirectory, CancelledFile));
        var exitPath = Path.Combine(job.RunDirectory, ExitFile);
        if (!File.Exists(exitPath))
        {
            if (identity.IsAlive()) return Task.FromResult<JobTermination?>(null);
            return Task.FromResult<JobTermination?>(cancelled
                ? new JobTermination(JobEndState.Cancelled, Reason: "cancelled by the agent")
                : new JobTermination(JobEndState.Lost, Reason: $"process {identity.Pid} ended without recording an exit status"));
        }
        var text = File.ReadAllText(exitPath).Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            return Task.FromResult<JobTermination?>(new JobTermination(JobEndState.Lost, Reason: $"unreadable exit status '{text}'"));
        var termination = status switch
        {
            0 => new JobTermination(JobEndState.Completed, ExitCode: 0),
            _ when cancelled => new JobTermination(JobEndState.Cancelled, Reason: "cancelled by the agent"),
            > 128 => new JobTermination(JobEndState.Failed, Signal: status - 128),
            _ => new JobTermination(JobEndState.Failed, ExitCode: status),
        };
        return Task.FromResult<JobTermination?>(termination);
    }

    public Task CancelAsync(JobRef job, CancellationToken cancellationToken)
    {
        if (!ProcessIdentity.TryParse(job.JobId, out var identity) || !identity.IsAlive()) return Task.CompletedTask;
        File.WriteAllText(Path.Combine(job.RunDirectory, CancelledFile), "");
        try
        {
            using var process = Process.GetProcessById(identity.Pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // It ended between the liveness check and the kill: the exit file says how.
        }
        return Task.CompletedTask;
    }

    private int RunningCount()
    {
        lock (gate)
        {
            known.RemoveWhere(identity => !identity.IsAlive());
            return known.Count;
        }
    }
}
