using System.Collections.Concurrent;
using System.Globalization;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.Tasks;
using Qonduit.Runner;

namespace Qonduit.Scheduling.InProcess;

/// <summary>
/// Runs each job as <see cref="HermeticRunner"/> inside the agent's own process, on at most
/// <see cref="InProcessSchedulerOptions.MaxConcurrent"/> dedicated threads: the same code on the same run directory
/// (payload.json in; result.json or error.json, runner.log and the runner's stderr in job.out out) without starting a
/// .NET process per task. Meant for the agent `qonduit serve` embeds, where the process boundary buys no isolation;
/// remote agents keep the process and Slurm adapters. A job lives as long as this adapter: an id it did not issue
/// (the agent restarted) reads as lost, and finalisation then reports whatever artifact the run left.
/// </summary>
public sealed class InProcessScheduler : IScheduler, IJobEndSignal, IJobProgress, IDisposable
{
    /// <summary>The runner's standard error, as the process adapter captures it.</summary>
    public const string OutputFile = "job.out";

    private const string Prefix = "inprocess-";

    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];
    private readonly BlockingCollection<Job> _queue = [];
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly Thread[] _threads;
    private readonly JobEndPulse _ends = new();
    private long _issued;

    public InProcessScheduler(InProcessSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _threads = [.. Enumerable.Range(0, Math.Max(1, options.MaxConcurrent)).Select(i => new Thread(Work)
        {
            IsBackground = true,
            Name = $"qonduit-inprocess-runner-{i}",
        })];
        foreach (var thread in _threads) thread.Start();
    }

    public string Name => "inprocess";

    public bool JobsOutliveAgent => false;

    public bool JobsHeldByCluster => false;

    public Task NextEnd => _ends.NextEnd;

    public Task<SubmitOutcome> SubmitAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{_instance}-{Interlocked.Increment(ref _issued)}");
        var job = new Job(Path.GetFullPath(runDirectory));
        _jobs[id] = job;
        try
        {
            _queue.Add(job, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Added after Dispose: the adapter is shutting down with the agent.
            _jobs.TryRemove(id, out _);
            job.Dispose();
            return Task.FromResult<SubmitOutcome>(new SubmitOutcome.Refused("the in-process scheduler is shut down"));
        }
        return Task.FromResult<SubmitOutcome>(new SubmitOutcome.Accepted(id));
    }

    public Task<IReadOnlySet<string>> ObserveActiveAsync(IReadOnlyCollection<JobRef> jobRefs, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> active = jobRefs
            .Where(r => _jobs.TryGetValue(r.JobId, out var job) && job.Termination is null)
            .Select(r => r.JobId)
            .ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(active);
    }

    public Task<JobTermination?> QueryTerminalAsync(JobRef job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_jobs.TryGetValue(job.JobId, out var known))
            return Task.FromResult<JobTermination?>(new JobTermination(JobEndState.Lost,
                Reason: $"no in-process job '{job.JobId}' here: the agent process that ran it has stopped"));
        if (known.Termination is not { } termination) return Task.FromResult<JobTermination?>(null);
        _jobs.TryRemove(job.JobId, out _);
        return Task.FromResult<JobTermination?>(termination);
    }

    /// <summary>Jobs report progress through a callback rather than progress.jsonl: no file to write and read back in the same process.</summary>
    public TaskProgress? LatestProgress(JobRef job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _jobs.TryGetValue(job.JobId, out var known) && known.Termination is null ? known.Progress : null;
    }

    /// <summary>A queued job ends at once; a running one stops at the runner's next check (within the simulation, every few tens of milliseconds).</summary>
    public Task CancelAsync(JobRef job, CancellationToken cancellationToken) => Stop(job, "cancelled by the agent");

    /// <summary>
    /// The runner's cancellation, as for <see cref="CancelAsync"/>: in process there is no gentler signal, and a cancelled
    /// run leaves no artifact, so the job ends Cancelled (its reason naming the interrupt) and is reported as it ended.
    /// </summary>
    public Task InterruptAsync(JobRef job, CancellationToken cancellationToken) => Stop(job, "interrupted by the agent (reclaim)");

    private Task Stop(JobRef job, string reason)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_jobs.TryGetValue(job.JobId, out var known) && known.Cancel(reason)) _ends.Pulse();
        return Task.CompletedTask;
    }

    /// <summary>Takes no new jobs; threads finish the job they run and the ones already queued are left unstarted.</summary>
    public void Dispose() => _queue.CompleteAdding();

    private void Work()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (!job.TryStart())
            {
                job.Dispose();
                continue;
            }
            job.End(Run(job));
            _ends.Pulse();
        }
    }

    private static JobTermination Run(Job job)
    {
        try
        {
            using var output = new StreamWriter(Path.Combine(job.RunDirectory, OutputFile), append: true) { AutoFlush = true };
            return HermeticRunner.Run(job.RunDirectory, output, job.Token, line => job.Progress = line, CpuScope.Thread) switch
            {
                HermeticRunner.Succeeded => new JobTermination(JobEndState.Completed, ExitCode: 0),
                HermeticRunner.Cancelled => new JobTermination(JobEndState.Cancelled, Reason: job.CancelReason),
                var code => new JobTermination(JobEndState.Failed, ExitCode: code),
            };
        }
        catch (Exception e)
        {
            // What would have crashed a runner process (its run directory vanished, say) ends this job, not the agent.
            return new JobTermination(JobEndState.Failed, Reason: $"the in-process runner threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>One job: queued, then running on a thread, then ended (or ended straight from the queue when cancelled there).</summary>
    private sealed class Job(string runDirectory) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private readonly Lock _gate = new();
        private bool _started;
        private TaskProgress? _progress;
        private string _cancelReason = "cancelled";

        public string RunDirectory { get; } = runDirectory;

        public CancellationToken Token => _cancellation.Token;

        /// <summary>Written by the runner's thread, read by the heartbeat's: a reference swap, so a reader sees one whole line.</summary>
        public TaskProgress? Progress
        {
            get => Volatile.Read(ref _progress);
            set => Volatile.Write(ref _progress, value);
        }

        public JobTermination? Termination { get; private set; }

        /// <summary>Why its token was cancelled (by a cancel or an interrupt): the reason of the Cancelled end it leads to.</summary>
        public string CancelReason
        {
            get { lock (_gate) return _cancelReason; }
        }

        public bool TryStart()
        {
            lock (_gate)
            {
                if (Termination is not null) return false;
                _started = true;
                return true;
            }
        }

        /// <summary>True when the job ended here (it had not started). The first reason given stays: the runner stops once.</summary>
        public bool Cancel(string reason)
        {
            lock (_gate)
            {
                if (Termination is not null) return false;
                if (!_cancellation.IsCancellationRequested) _cancelReason = reason;
                _cancellation.Cancel();
                if (_started) return false;
                Termination = new JobTermination(JobEndState.Cancelled, Reason: $"{reason} before it started");
                return true;
            }
        }

        public void End(JobTermination termination)
        {
            lock (_gate) Termination = termination;
            Dispose();
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
