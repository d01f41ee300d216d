using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent;

public sealed partial class AgentWorker
{
    /// <summary>
    /// One heartbeat for every held task and the reporters' load indices of each resource served, with the progress its runner last reported (the run directory's progress.jsonl, or the scheduler when its jobs tell it). A task the server
    /// cancelled, or no longer counts as this agent's, is let go: its job is cancelled (if that fails the task stays held
    /// and the next heartbeat tries again) and its directory archived. A task whose slot fair share takes back has its job
    /// interrupted once and stays held: the job's end is reported as usual. While it holds tasks the heartbeat is a long
    /// poll of up to one interval for their cancellation or interrupt, so the job is stopped at once rather than at the
    /// next round.
    /// </summary>
    public async Task HeartbeatOnceAsync(CancellationToken cancellationToken)
    {
        HeartbeatAnswer answer;
        try
        {
            var held = HeldTasks;
            var wait = held.Count == 0 ? TimeSpan.Zero : _options.HeartbeatInterval;
            answer = await _server.HeartbeatAsync(Incarnation, held, Progress(held), _options.HeartbeatInterval, wait, LoadIndexValues(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ControlPlaneUnavailableException e)
        {
            _logger.ControlPlaneUnavailable("heartbeat", e.Message);
            return;
        }
        foreach (var id in answer.Cancelled) await LetGoAsync(id, "cancelled on the server").ConfigureAwait(false);
        foreach (var id in answer.Unknown) await LetGoAsync(id, "no longer owned by this agent").ConfigureAwait(false);
        foreach (var id in answer.Interrupted) await InterruptAsync(id).ConfigureAwait(false);
        await FollowLoadIndicesAsync(answer, cancellationToken).ConfigureAwait(false);
    }

    private Dictionary<string, TaskProgress> Progress(IReadOnlyList<string> held)
    {
        var progress = new Dictionary<string, TaskProgress>(StringComparer.Ordinal);
        foreach (var id in held)
        {
            if (Find(id) is not { } work) continue;
            var latest = _scheduler is IJobProgress reporter
                ? work.Job is { } job ? reporter.LatestProgress(job) : null
                : ProgressFile.ReadLatest(work.Directory.Path);
            if (latest is not null) progress[id] = latest;
        }
        return progress;
    }

    private async Task LetGoAsync(string taskId, string why)
    {
        if (Find(taskId) is not { } work) return;
        await WithLock(work, () => LetGoLockedAsync(work, why)).ConfigureAwait(false);
    }

    private async Task LetGoLockedAsync(Work work, string why)
    {
        if (work.Done) return;
        if (work.Job is { } job && !await TryCancelAsync(job).ConfigureAwait(false)) return;
        var archived = Release(work, new ReportRecord("let-go", null, null, why, "none: the server already decided", _time.GetUtcNow()));
        _logger.Abandoned(work.TaskId, why, work.Job?.JobId ?? "(none)", archived);
    }

    /// <summary>
    /// Interrupts the task's job once. A task not yet submitted, or whose end is already decided, has no job to interrupt;
    /// one the scheduler could not be asked about is tried again when the next heartbeat names it.
    /// </summary>
    private async Task InterruptAsync(string taskId)
    {
        if (Find(taskId) is not { } work) return;
        await WithLock(work, () => InterruptLockedAsync(work)).ConfigureAwait(false);
    }

    private async Task InterruptLockedAsync(Work work)
    {
        if (work is not { Job: { } job, Pending: null, Done: false, Interrupted: false }) return;
        try
        {
            await _scheduler.InterruptAsync(job, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SchedulerUnavailableException e)
        {
            _logger.SchedulerUnavailable("interrupt", e.Message);
            return;
        }
        work.Interrupted = true;
        _logger.Interrupted(work.TaskId, _scheduler.Name, job.JobId);
    }

    private async Task<bool> TryCancelAsync(JobRef job)
    {
        try
        {
            await _scheduler.CancelAsync(job, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (SchedulerUnavailableException e)
        {
            _logger.SchedulerUnavailable("cancel", e.Message);
            return false;
        }
    }
}
