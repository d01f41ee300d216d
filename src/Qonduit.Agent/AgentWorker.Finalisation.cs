using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;

namespace Qonduit.Agent;

public sealed partial class AgentWorker
{
    private readonly Dictionary<string, TaskFailure> _detached = [];

    /// <summary>
    /// One finalisation round: retries reports that could not be delivered, asks the scheduler which jobs are still
    /// active (one batched query), and turns each ended job into its one terminal report.
    /// </summary>
    public async Task ObserveOnceAsync(CancellationToken cancellationToken)
    {
        await RetryDetachedAsync().ConfigureAwait(false);
        List<Work> works;
        lock (_gate) works = [.. _held.Values];
        foreach (var work in works.Where(w => w.Pending is not null || (w.Job is not null && !w.Directory.RunningReported)))
            await WithLock(work, () => work.Pending is not null ? DeliverLockedAsync(work) : ReportRunningLockedAsync(work)).ConfigureAwait(false);

        var observed = new List<Work>();
        foreach (var work in works.Where(w => w is { Job: not null, Pending: null, Done: false }))
        {
            if (Finalisation.FromWholeArtifact(work.Directory.Path) is { } settled)
                await DecideAsync(work, settled).ConfigureAwait(false);
            else
                observed.Add(work);
        }
        if (observed.Count == 0) return;
        IReadOnlySet<string> active;
        try
        {
            active = await _scheduler.ObserveActiveAsync([.. observed.Select(w => w.Job!)], cancellationToken).ConfigureAwait(false);
        }
        catch (SchedulerUnavailableException e)
        {
            _logger.SchedulerUnavailable("observe", e.Message);
            return;
        }
        foreach (var work in observed.Where(w => !active.Contains(w.Job!.JobId)))
            await WithLock(work, () => EndLockedAsync(work, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks how a job that is no longer active ended and turns that into its one terminal report. Under the task's
    /// lock, so of two callers (a finalisation round and the submit path) only the first queries and reports.
    /// </summary>
    private async Task EndLockedAsync(Work work, CancellationToken cancellationToken)
    {
        if (work is not { Job: { } job, Pending: null, Done: false }) return;
        JobTermination? termination;
        try
        {
            termination = await _scheduler.QueryTerminalAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (SchedulerUnavailableException e)
        {
            _logger.SchedulerUnavailable("query-terminal", e.Message);
            return;
        }
        if (termination is null) return;
        work.Pending = Finalisation.Decide(termination, work.Directory.Path);
        await DeliverLockedAsync(work).ConfigureAwait(false);
    }

    private Task DecideAsync(Work work, FinalReport report) => WithLock(work, () =>
    {
        if (work.Done || work.Pending is not null) return Task.CompletedTask;
        work.Pending = report;
        return DeliverLockedAsync(work);
    });

    /// <summary>Sends the pending terminal report once; an accepted or refused report releases the task, an unreachable server keeps it pending.</summary>
    private async Task DeliverLockedAsync(Work work)
    {
        if (work.Done || work.Pending is not { } report) return;
        ReportAnswer answer;
        try
        {
            answer = report switch
            {
                FinalReport.Completed completed => await _server.ReportCompletedAsync(Incarnation, work.TaskId, completed.Result, CancellationToken.None).ConfigureAwait(false),
                FinalReport.Failed failed => await _server.ReportFailedAsync(Incarnation, work.TaskId, failed.Failure, CancellationToken.None).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"unknown report {report}"),
            };
        }
        catch (ControlPlaneUnavailableException e)
        {
            _logger.ControlPlaneUnavailable("report", e.Message);
            return;
        }
        var failure = (report as FinalReport.Failed)?.Failure;
        var outcome = report is FinalReport.Completed ? "completed" : "failed";
        var said = Describe(answer);
        _logger.Reported(work.TaskId, outcome, failure is null ? "" : $" [{failure.Code}/{failure.Origin}]", said);
        Release(work, new ReportRecord(outcome, failure?.Code, failure?.Origin, failure?.Message, said, _time.GetUtcNow()));
    }

    private async Task DeliverDetachedAsync(string taskId, TaskFailure failure)
    {
        try
        {
            var answer = await _server.ReportFailedAsync(Incarnation, taskId, failure, CancellationToken.None).ConfigureAwait(false);
            _logger.Reported(taskId, "failed", $" [{failure.Code}/{failure.Origin}]", Describe(answer));
        }
        catch (ControlPlaneUnavailableException e)
        {
            _logger.ControlPlaneUnavailable("report", e.Message);
            lock (_gate) _detached[taskId] = failure;
        }
    }

    private async Task RetryDetachedAsync()
    {
        List<KeyValuePair<string, TaskFailure>> retry;
        lock (_gate)
        {
            retry = [.. _detached];
            _detached.Clear();
        }
        foreach (var (taskId, failure) in retry) await DeliverDetachedAsync(taskId, failure).ConfigureAwait(false);
    }

    private static string Describe(ReportAnswer answer) => answer switch
    {
        ReportAnswer.Rejected r => $"rejected {r.Status} {r.Code}: {r.Message}",
        _ => "accepted",
    };

    private static async Task WithLock(Work work, Func<Task> action)
    {
        await work.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            work.Lock.Release();
        }
    }
}
