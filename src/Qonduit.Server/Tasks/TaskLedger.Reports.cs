using Qonduit.Server.Agents;

namespace Qonduit.Server.Tasks;

public sealed partial class TaskLedger
{
    /// <summary>
    /// An agent's REPORT-RUNNING, -COMPLETED or -FAILED: refused 403 when its id is bound to another key; otherwise it
    /// counts as a sign of life of the agent and the automaton decides (owner, incarnation, stage).
    /// </summary>
    public async Task<TaskRecord> ReportAsync(Guid id, TaskOperation report, AgentCall call, CancellationToken cancellationToken = default) =>
        (await ReportAllAsync(call, [(id, report)], cancellationToken: cancellationToken).ConfigureAwait(false)).Outcomes[0] switch
        {
            null => throw new RefusedException(ErrorCodes.Task.NotFound, $"no task {id}"),
            TransitionOutcome.Applied applied => applied.Task,
            TransitionOutcome.Noted noted => noted.Task,
            TransitionOutcome.Refused refused => throw new RefusedException(refused.Refusal),
            _ => throw new InvalidOperationException("unknown transition outcome"),
        };

    /// <summary>
    /// Several reports of one agent in one transaction, applied in order, each decided alone as <see cref="ReportAsync"/>
    /// decides one: the outcome of each, in order (null: no such task). With <paramref name="claim"/>, the same transaction
    /// then claims as <see cref="TryClaimAsync"/> does, without waiting: an agent that reports finished tasks takes their
    /// successors in the same call. The whole batch is refused 403 when the agent id is bound to another key.
    /// </summary>
    public async Task<ReportsDone> ReportAllAsync(
        AgentCall call, IReadOnlyList<(Guid Id, TaskOperation Report)> reports, ClaimSpec? claim = null, CancellationToken cancellationToken = default)
    {
        var (outcomes, refused, claimed, requeued) = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var known = w.GetAgent(call.AgentId);
            var (operation, about) = reports.Count == 1 ? (TaskAutomaton.OperationName(reports[0].Report.Kind), (Guid?)reports[0].Id) : ("reports", null);
            if (AgentBinding.Refusal(known, call, operation, about) is { } refusal)
            {
                w.Append(refusal.Evidence!, now);
                return ((TransitionOutcome?[]?)null, refusal, (List<ClaimedTask>?)null, 0);
            }
            if (known is not null && claim is null && AgentBinding.Touch(known, call, now) is var seen && AgentBinding.WorthSaving(known, seen)) w.SaveAgent(seen);
            var decided = new TransitionOutcome?[reports.Count];
            for (var i = 0; i < reports.Count; i++)
                decided[i] = w.GetTask(reports[i].Id) is { } task ? Record(w, task, reports[i].Report, now) : null;
            if (claim is null) return (decided, (TransitionOutcome.Refused?)null, null, 0);
            var (taken, lost) = ClaimWithin(w, known, call, claim, now);
            return (decided, (TransitionOutcome.Refused?)null, taken, lost);
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (refused is not null) throw new RefusedException(refused.Refusal);
        if (requeued > 0) work.Pulse();
        if (claimed is not null) metrics.Claimed(claimed.Count);
        return new ReportsDone([.. outcomes!.Select(Settle)], claimed ?? []);
    }
}

/// <summary>The outcome of each report, in order (null: no such task), and the tasks the call claimed after them.</summary>
public sealed record ReportsDone(IReadOnlyList<TransitionOutcome?> Outcomes, IReadOnlyList<ClaimedTask> Claimed);
