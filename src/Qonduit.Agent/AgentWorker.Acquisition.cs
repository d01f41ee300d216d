using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Qonduit.Agent.Commands;
using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent;

public sealed partial class AgentWorker
{
    /// <summary>
    /// One CLAIM (when a slot is free) for as many tasks as slots are free; for each task claimed: materialise the payload,
    /// submit, REPORT-RUNNING. True when a task was claimed.
    /// </summary>
    public async Task<bool> AcquireOnceAsync(CancellationToken cancellationToken)
    {
        var free = FreeSlots;
        if (free == 0) return false;
        switch (await _server.ClaimAsync(Incarnation, free, _options.ClaimWait, cancellationToken, max: free).ConfigureAwait(false))
        {
            case ClaimAnswer.Claimed claimed:
                var all = claimed.All.ToList();
                foreach (var one in all) _logger.Claimed(one.Task.Id, one.Task.Attempt, one.Snapshot.Device, one.Snapshot.Version);
                await Task.WhenAll(all.Select(StartAsync)).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    // Not cancellable: once claimed, the task is realised (or failed) whole even while the agent shuts down.
    private async Task StartAsync(ClaimAnswer.Claimed claimed)
    {
        RunDirectory directory;
        try
        {
            directory = _runRoot.Create(claimed.Task.Id);
            PayloadFile.Write(directory.Path, ToPayload(claimed));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _logger.MaterialiseFailed(claimed.Task.Id, e.Message);
            var failure = new TaskFailure(ErrorCodes.Agent.PayloadWriteFailed, FailureOrigins.Agent,
                $"the claim could not be written to the run root {_runRoot.Path}: {e.Message}");
            await DeliverDetachedAsync(claimed.Task.Id, failure).ConfigureAwait(false);
            return;
        }
        var work = new Work(directory);
        Hold(work);
        await SubmitAsync(work).ConfigureAwait(false);
    }

    private async Task SubmitAsync(Work work)
    {
        await work.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (work.Done) return;
            work.Directory.MarkSubmitIntended();
            SubmitOutcome outcome;
            try
            {
                outcome = await _scheduler.SubmitAsync(work.Directory.Path, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = new SubmitOutcome.Refused($"{_scheduler.Name} submit failed: {e.Message}");
            }
            switch (outcome)
            {
                case SubmitOutcome.Accepted accepted:
                    work.Directory.WriteJob(new JobRecord(_scheduler.Name, accepted.JobId, _time.GetUtcNow()));
                    work.Job = new JobRef(accepted.JobId, work.Directory.Path);
                    _logger.Submitted(work.TaskId, _scheduler.Name, accepted.JobId);
                    await ReportRunningLockedAsync(work).ConfigureAwait(false);
                    // A job that ended while it was recorded and reported (in-process runs of small circuits do) is
                    // finalised now: its end was signalled before this task knew its job.
                    if (_scheduler is IJobEndSignal) await EndIfEndedLockedAsync(work).ConfigureAwait(false);
                    break;
                case SubmitOutcome.Refused refused:
                    _logger.SubmitRefused(work.TaskId, refused.Reason);
                    work.Pending = new FinalReport.Failed(new TaskFailure(ErrorCodes.Scheduler.SubmitRefused, FailureOrigins.Scheduler, refused.Reason));
                    await DeliverLockedAsync(work).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            work.Lock.Release();
        }
    }

    private async Task EndIfEndedLockedAsync(Work work)
    {
        if (work.Job is not { } job) return;
        try
        {
            if ((await _scheduler.ObserveActiveAsync([job], CancellationToken.None).ConfigureAwait(false)).Contains(job.JobId)) return;
        }
        catch (SchedulerUnavailableException e)
        {
            _logger.SchedulerUnavailable("observe", e.Message);
            return;
        }
        await EndLockedAsync(work, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ReportRunningLockedAsync(Work work)
    {
        if (work.Job is not { } job || work.Directory.RunningReported || work.Pending is not null || work.Done) return;
        try
        {
            var answer = await _server.ReportRunningAsync(Incarnation, work.TaskId, job.JobId, _scheduler.JobsHeldByCluster, CancellationToken.None).ConfigureAwait(false);
            // A refusal (the task was cancelled or taken away meanwhile) is not repeated; the heartbeat lets the task go.
            if (answer is ReportAnswer.Rejected rejected) _logger.RunningRefused(work.TaskId, rejected.Code, rejected.Message);
            work.Directory.MarkRunningReported();
            // A later incarnation of this agent owns the task: this one stops its job and forgets it at once.
            if (answer is ReportAnswer.Rejected { Code: ErrorCodes.Task.StaleOwner }) await LetGoLockedAsync(work, "a later incarnation of this agent owns it").ConfigureAwait(false);
        }
        catch (ControlPlaneUnavailableException e)
        {
            _logger.ControlPlaneUnavailable("report-running", e.Message);
        }
    }

    private RunPayload ToPayload(ClaimAnswer.Claimed claimed) => new()
    {
        TaskId = claimed.Task.Id,
        Attempt = claimed.Task.Attempt,
        Dialect = claimed.Task.Dialect,
        Circuit = claimed.Task.Circuit,
        Shots = claimed.Task.Shots,
        Seed = claimed.Task.Seed is { } seed ? unchecked((ulong)seed) : SeedOf(claimed.Task.Id),
        Options = new RunOptions { Transpile = claimed.Task.Transpile, Trajectories = claimed.Task.Trajectories },
        Snapshot = claimed.Snapshot,
        Command = claimed.Task.Command is { } command ? Resolve(command) : null,
    };

    /// <summary>
    /// A command task's name resolved to this agent's own argv. The server sends one only to an agent that declares it;
    /// should agent.json have changed since, the argv is empty and the runner fails the task as command.not-found.
    /// </summary>
    private CommandRun Resolve(TaskCommand command)
    {
        var declared = _options.Commands.GetValueOrDefault(command.Name ?? "");
        return new CommandRun
        {
            Name = command.Name ?? "",
            Argv = declared?.Argv ?? [],
            Args = command.Args ?? [],
            Stdin = command.Stdin,
            TimeoutSeconds = declared?.TimeoutInForce() ?? DeclaredCommand.DefaultTimeoutSeconds,
        };
    }

    /// <summary>A task submitted without a seed still runs reproducibly: its seed is derived from its id.</summary>
    public static ulong SeedOf(string taskId) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(taskId)), 0);
}
