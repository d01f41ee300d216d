using Qonduit.Agent.Scheduling;

namespace Qonduit.Agent.Tests.Fakes;

/// <summary>
/// An in-memory scheduler for tests: jobs stay active until the test finishes them, and every call is recorded.
/// <see cref="OnSubmit"/> plays the runner (e.g. writes result.json into the run directory).
/// </summary>
public sealed class FakeScheduler : IScheduler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Job> _jobs = [];
    private readonly Queue<string> _refusals = new();
    private readonly List<string> _cancelled = [];
    private readonly List<string> _interrupted = [];
    private int _submitted;

    public string Name => "fake";

    /// <summary>True by default: fake jobs live in the fixture and outlive any one worker.</summary>
    public bool JobsOutliveAgent { get; set; } = true;

    public bool JobsHeldByCluster { get; set; }

    /// <summary>Runs on every accepted submit with the run directory.</summary>
    public Action<string>? OnSubmit { get; set; }

    /// <summary>When set, an accepted job ends at once with this termination (after <see cref="OnSubmit"/>).</summary>
    public JobTermination? FinishOnSubmit { get; set; }

    public int SubmitCount { get { lock (_gate) return _submitted; } }

    public IReadOnlyList<string> CancelledJobs { get { lock (_gate) return [.. _cancelled]; } }

    /// <summary>Every interrupt the scheduler accepted, in order; an interrupted job stays active until the test finishes it.</summary>
    public IReadOnlyList<string> InterruptedJobs { get { lock (_gate) return [.. _interrupted]; } }

    /// <summary>While positive, each interrupt fails as an unreachable scheduler would, and counts down.</summary>
    public int InterruptsUnavailable { get; set; }

    public IReadOnlyList<JobRef> ActiveJobs
    {
        get { lock (_gate) return [.. _jobs.Values.Where(j => j.Termination is null).Select(j => j.Ref)]; }
    }

    public void RefuseNextSubmit(string reason)
    {
        lock (_gate) _refusals.Enqueue(reason);
    }

    /// <summary>Ends an active job as the scheduler would report it.</summary>
    public void Finish(string jobId, JobTermination termination)
    {
        lock (_gate) _jobs[jobId] = _jobs[jobId] with { Termination = termination };
    }

    /// <summary>Drops every record of the job, as when a scheduler forgets a job or never ran it.</summary>
    public void Forget(string jobId)
    {
        lock (_gate) _jobs.Remove(jobId);
    }

    public Task<SubmitOutcome> SubmitAsync(string runDirectory, CancellationToken cancellationToken)
    {
        string id;
        lock (_gate)
        {
            if (_refusals.TryDequeue(out var reason)) return Task.FromResult<SubmitOutcome>(new SubmitOutcome.Refused(reason));
            id = $"fake-{++_submitted}";
            _jobs[id] = new Job(new JobRef(id, runDirectory), null);
        }
        OnSubmit?.Invoke(runDirectory);
        if (FinishOnSubmit is { } termination) Finish(id, termination);
        return Task.FromResult<SubmitOutcome>(new SubmitOutcome.Accepted(id));
    }

    public Task<IReadOnlySet<string>> ObserveActiveAsync(IReadOnlyCollection<JobRef> jobRefs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlySet<string> active = jobRefs
                .Where(r => _jobs.TryGetValue(r.JobId, out var job) && job.Termination is null)
                .Select(r => r.JobId)
                .ToHashSet();
            return Task.FromResult(active);
        }
    }

    public Task<JobTermination?> QueryTerminalAsync(JobRef job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(job.JobId, out var known))
                return Task.FromResult<JobTermination?>(new JobTermination(JobEndState.Lost, Reason: "the scheduler has no record of the job"));
            return Task.FromResult(known.Termination);
        }
    }

    public Task CancelAsync(JobRef job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _cancelled.Add(job.JobId);
            if (_jobs.TryGetValue(job.JobId, out var known) && known.Termination is null)
                _jobs[job.JobId] = known with { Termination = new JobTermination(JobEndState.Cancelled, Reason: "cancelled") };
        }
        return Task.CompletedTask;
    }

    public Task InterruptAsync(JobRef job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (InterruptsUnavailable > 0)
            {
                InterruptsUnavailable--;
                throw new SchedulerUnavailableException("the scheduler does not answer (fake)");
            }
            _interrupted.Add(job.JobId);
        }
        return Task.CompletedTask;
    }

    private sealed record Job(JobRef Ref, JobTermination? Termination);
}
