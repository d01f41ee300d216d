using Qonduit.Server.Agents;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Metrics;

namespace Qonduit.Server.Tasks;

/// <summary>
/// Runs every task transition as one store transaction: read the record, let <see cref="TaskAutomaton"/> decide,
/// write the record and its one event (or only the evidence of a refused report), publish after the commit.
/// </summary>
public sealed partial class TaskLedger(IControlPlaneStore store, EventHub hub, WorkSignal work, TimeProvider time, ServerMetrics metrics)
{
    /// <summary>
    /// Stores an admitted task; with a <paramref name="leaseToken"/>, accounts it to that lease (the submitter's own,
    /// or anyone's when <paramref name="byAdmin"/>) in the same transaction.
    /// </summary>
    public async Task<TaskRecord> SubmitAsync(TaskRecord admitted, string? leaseToken = null, bool byAdmin = false, CancellationToken cancellationToken = default)
    {
        var stored = await store.WriteAsync(w =>
        {
            var task = leaseToken is null ? admitted : LeaseRules.Spend(w, admitted, leaseToken, byAdmin, time.GetUtcNow());
            var inserted = w.InsertTask(task);
            w.Append(TaskAutomaton.Submit(inserted).Event, inserted.CreatedAt);
            return inserted;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        work.Pulse();
        return stored;
    }

    /// <summary>
    /// Applies the operation <paramref name="operation"/> builds from the stored record (inside the transaction, so a
    /// requeue sees the owner's heartbeat as committed). A task <paramref name="visible"/> rejects is reported missing.
    /// </summary>
    public Task<TaskRecord> ApplyAsync(
        Guid id, Func<IStoreWriter, TaskRecord, TaskOperation> operation, Func<TaskRecord, bool>? visible = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, (w, task, now) => Record(w, task, operation(w, task), now), visible, cancellationToken);

    private async Task<TaskRecord> TransitionAsync(
        Guid id, Func<IStoreWriter, TaskRecord, DateTimeOffset, TransitionOutcome> decide, Func<TaskRecord, bool>? visible, CancellationToken cancellationToken)
    {
        var outcome = await store.WriteAsync(w =>
        {
            var task = w.GetTask(id);
            if (task is null || (visible is not null && !visible(task))) return null;
            return decide(w, task, time.GetUtcNow());
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        return Settle(outcome) switch
        {
            null => throw new RefusedException(ErrorCodes.Task.NotFound, $"no task {id}"),
            TransitionOutcome.Applied applied => applied.Task,
            TransitionOutcome.Noted noted => noted.Task,
            TransitionOutcome.Refused refused => throw new RefusedException(refused.Refusal),
            _ => throw new InvalidOperationException("unknown transition outcome"),
        };
    }

    /// <summary>What follows a committed transition: a requeued task wakes the claims, an ended one is counted, a refused report too.</summary>
    private TransitionOutcome? Settle(TransitionOutcome? outcome)
    {
        switch (outcome)
        {
            case TransitionOutcome.Applied applied:
                if (applied.Task.State == TaskState.Queued) work.Pulse();
                if (applied.Task.IsTerminal) metrics.TaskEnded(applied.Task);
                break;
            case TransitionOutcome.Refused { Evidence: not null }:
                metrics.ReportRejected();
                break;
        }
        return outcome;
    }

    /// <summary>Lets the automaton decide and writes what it returned: the record and its event, the record alone, or only the evidence of a refusal.</summary>
    internal static TransitionOutcome Record(IStoreWriter w, TaskRecord task, TaskOperation operation, DateTimeOffset now)
    {
        var decided = TaskAutomaton.Apply(task, operation, now);
        switch (decided)
        {
            case TransitionOutcome.Applied applied:
                w.UpdateTask(applied.Task, task);
                w.Append(applied.Event, now);
                break;
            case TransitionOutcome.Noted noted:
                w.UpdateTask(noted.Task, task);
                break;
            case TransitionOutcome.Refused { Evidence: { } evidence }:
                w.Append(evidence, now);
                break;
        }
        return decided;
    }
}

/// <summary>A claimed task and the device version bound to it.</summary>
public sealed record ClaimedTask(TaskRecord Task, DeviceVersion Device);
