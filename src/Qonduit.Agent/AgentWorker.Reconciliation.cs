using Microsoft.Extensions.Logging;
using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent;

public sealed partial class AgentWorker
{
    private const string DiedWithAgent = "its job ended with the previous agent process";

    /// <summary>
    /// Start-up reconciliation: every task directory in the run root is put to the server in one heartbeat (repeated
    /// until the server answers: acting blind could run a task twice). Listing them adopts them for this incarnation; a task
/// of an earlier incarnation that is not listed (its directory never got written) is requeued by the server. A task cancelled meanwhile has its job cancelled
    /// and its directory archived; one taken away is archived; one still ours is adopted (its job keeps running and is
    /// finalised like any other, so an artifact finished while the agent was down is reported, not re-run); one never
    /// submitted is submitted now; one whose submit was interrupted is reported, because its job's fate is unknown.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var found = _runRoot.Scan().Where(d => Find(d.TaskId) is null).ToList();
        // A scheduler whose jobs died with the previous process left nothing running: a directory without a whole
        // artifact is given up and left out of the heartbeat, so the server requeues its task (a new incarnation that
        // does not list a task has lost it) and it runs again instead of failing.
        if (!_scheduler.JobsOutliveAgent)
        {
            var finished = found.ToLookup(d => Finalisation.FromWholeArtifact(d.Path) is not null);
            foreach (var directory in finished[false])
            {
                var work = new Work(directory) { Job = directory.Job };
                Hold(work);
                var archived = Release(work, new ReportRecord("let-go", null, null, DiedWithAgent, "none: left out of the heartbeat, so the server requeues it", _time.GetUtcNow()));
                _logger.Abandoned(directory.TaskId, DiedWithAgent, work.Job?.JobId ?? "(none)", archived);
            }
            found = [.. finished[true]];
        }
        if (found.Count == 0) return;
        _logger.Reconciling(found.Count);
        var answer = await AskUntilAnsweredAsync([.. found.Select(d => d.TaskId)], cancellationToken).ConfigureAwait(false);
        var cancelled = answer.Cancelled.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = answer.Unknown.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var directory in found)
        {
            var work = new Work(directory) { Job = directory.Job };
            Hold(work);
            if (cancelled.Contains(directory.TaskId)) await LetGoAsync(directory.TaskId, "cancelled while the agent was down").ConfigureAwait(false);
            else if (unknown.Contains(directory.TaskId)) await LetGoAsync(directory.TaskId, "no longer owned by this agent").ConfigureAwait(false);
            else await ResumeAsync(work).ConfigureAwait(false);
        }
    }

    private async Task ResumeAsync(Work work)
    {
        var directory = work.Directory;
        if (work.Job is { } job)
        {
            _logger.Adopted(work.TaskId, directory.ReadJob()?.Scheduler ?? _scheduler.Name, job.JobId);
            return;
        }
        if (!directory.HasPayload)
        {
            work.Pending = new FinalReport.Failed(new TaskFailure(ErrorCodes.Agent.PayloadWriteFailed, FailureOrigins.Agent,
                "the agent stopped before the claim was materialised; the task was never submitted"));
            await WithLock(work, () => DeliverLockedAsync(work)).ConfigureAwait(false);
            return;
        }
        if (!directory.SubmitIntended)
        {
            await SubmitAsync(work).ConfigureAwait(false);
            return;
        }
        // Interrupted between SUBMIT and recording the job id: a runner may have finished meanwhile (then its artifact
        // is the answer); otherwise the job's fate is unknown and submitting again could run the task twice.
        var artifact = ArtifactFiles.ReadResult(directory.Path) is not Artifact<RunResult>.Missing
                       || ArtifactFiles.ReadError(directory.Path) is not Artifact<RunError>.Missing;
        work.Pending = artifact
            ? Finalisation.Decide(new JobTermination(JobEndState.Lost, Reason: "the agent restarted while submitting"), directory.Path)
            : new FinalReport.Failed(new TaskFailure(ErrorCodes.Agent.SubmitInterrupted, FailureOrigins.Agent,
                "the agent stopped while submitting; whether the scheduler accepted the job is unknown, so it is not submitted again"));
        await WithLock(work, () => DeliverLockedAsync(work)).ConfigureAwait(false);
    }

    private async Task<HeartbeatAnswer> AskUntilAnsweredAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await _server.HeartbeatAsync(Incarnation, taskIds, new Dictionary<string, TaskProgress>(), _options.HeartbeatInterval, TimeSpan.Zero,
                    EmptyIndices, cancellationToken).ConfigureAwait(false);
            }
            catch (ControlPlaneUnavailableException e)
            {
                _logger.ControlPlaneUnavailable("reconcile", e.Message);
                await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
