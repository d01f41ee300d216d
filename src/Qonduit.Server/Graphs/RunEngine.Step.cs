using Qonduit.Circuits;
using System.Text.Json.Nodes;
using Qonduit.Graphs.Runs;
using Qonduit.Server.Auth;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Graphs;

public sealed partial class RunEngine
{
    /// <summary>
    /// Advances <paramref name="state"/>, admits the attempts it starts (a refusal errors the node with the refusal's
    /// code, which may settle others, hence the rounds), then commits everything in one transaction and cancels the
    /// tasks of attempts no longer wanted.
    /// </summary>
    /// <returns>The run as committed.</returns>
    private async Task<RunRecord> StepAsync(RunRecord run, RunState state, bool created, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var owner = new Caller("", $"run:{run.Id}", ApiKeyRole.User, run.Owner);
        var admitted = new List<(TaskRecord Task, AttemptRequest Attempt)>();
        var cancels = new List<Guid>();
        DateTimeOffset? nextDue = null;
        for (var round = 0; round < 64; round++)
        {
            var step = RunPlanner.Advance(state, now);
            cancels.AddRange(step.Cancels);
            nextDue = step.NextDueAt;
            var refused = false;
            foreach (var attempt in step.Dispatches)
            {
                try
                {
                    var task = GraphConsumers.Charged(admission.Admit(AttemptTasks.Request(run, attempt), owner), attempt.Instance.Node);
                    attempt.Instance.TaskId = task.Id;
                    admitted.Add((task, attempt));
                }
                catch (QonduitException e)
                {
                    RunPlanner.AttemptRefused(state, attempt.Instance.Key, e.Code, e.Message, now);
                    refused = true;
                }
            }
            if (!refused) break;
        }
        var (changes, touched) = state.TakeChanges();
        var status = RunRows.Name(state.Status);
        if (nextDue is { } due) InterlockedMin(ref _nextDueTicks, due.UtcTicks);
        // A sweep that found nothing to do writes nothing.
        if (!created && admitted.Count == 0 && changes.Count == 0 && touched.Count == 0 && status == run.Status) return run;
        var committed = run with { Status = status, EndedAt = state.Status == RunStatus.Running ? null : now };
        await store.WriteAsync(w =>
        {
            w.SaveRun(committed);
            if (created) w.Append(RunEvents.Run(RunEvents.Created, run), now);
            foreach (var (task, attempt) in admitted)
            {
                var inserted = w.InsertTask(task);
                w.Append(TaskAutomaton.Submit(inserted).Event, inserted.CreatedAt);
                w.InsertRunAttempt(new RunAttempt(task.Id, run.Id, attempt.Instance.Key, attempt.Attempt));
            }
            foreach (var instance in touched) w.SaveRunNode(RunRows.Record(run.Id, instance));
            foreach (var change in changes) w.Append(RunEvents.Node(run, change, state.Instances[change.Key]), now);
            if (state.Status != RunStatus.Running) w.Append(RunEvents.Run($"run.{status}", run), now);
            return 0;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (admitted.Count > 0) work.Pulse();
        foreach (var task in cancels) await CancelTaskAsync(run, task, cancellationToken).ConfigureAwait(false);
        if (state.Status != RunStatus.Running) LogRunEnded(logger, run.Id, status);
        return committed;
    }

    private async Task CancelTaskAsync(RunRecord run, Guid task, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.ApplyAsync(task, (_, _) => new TaskOperation.Cancel($"run:{run.Id}"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RefusedException)
        {
            // It ended meanwhile: its node was settled or cancelled already, and the report is kept as it came.
        }
    }

    private static void InterlockedMin(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value < seen; seen = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "run {RunId} ended {Status}")]
    private static partial void LogRunEnded(ILogger logger, Guid runId, string status);
}
