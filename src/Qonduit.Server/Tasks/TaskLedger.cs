using Qonduit.Server.Agents;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Metrics;
using Qonduit.Server.Problems;
using Qonduit.Server.Storage;

namespace Qonduit.Server.Tasks;

/// <summary>
/// Runs every task transition as one store transaction: read the record, let <see cref="TaskAutomaton"/> decide,
/// write the record and its one event (or only the evidence of a refused report), publish after the commit.
/// </summary>
public sealed class TaskLedger(IControlPlaneStore store, EventHub hub, WorkSignal work, TimeProvider time, ServerMetrics metrics)
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
    public async Task<TaskRecord> ApplyAsync(
        Guid id, Func<IStoreWriter, TaskRecord, TaskOperation> operation, Func<TaskRecord, bool>? visible = null, CancellationToken cancellationToken = default)
    {
        var outcome = await store.WriteAsync(w =>
        {
            var task = w.GetTask(id);
            if (task is null || (visible is not null && !visible(task))) return null;
            var now = time.GetUtcNow();
            var op = operation(w, task);
            if (op.ReportingAgent is { } agent && w.GetAgent(agent) is { } known)
                w.SaveAgent(known with { LastHeartbeat = now, StaleReported = false });
            var decided = TaskAutomaton.Apply(task, op, now);
            switch (decided)
            {
                case TransitionOutcome.Applied applied:
                    w.UpdateTask(applied.Task);
                    w.Append(applied.Event, now);
                    break;
                case TransitionOutcome.Refused { Evidence: { } evidence }:
                    w.Append(evidence, now);
                    break;
            }
            return decided;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case null:
                throw ControlPlaneException.NotFound("task.not-found", $"no task {id}");
            case TransitionOutcome.Applied applied:
                if (applied.Task.State == TaskState.Queued) work.Pulse();
                return applied.Task;
            case TransitionOutcome.Refused refused:
                if (refused.Evidence is not null) metrics.ReportRejected();
                throw refused.Error;
            default:
                throw new InvalidOperationException("unknown transition outcome");
        }
    }

    /// <summary>
    /// One CLAIM attempt: records the agent's heartbeat, takes the next queued task it may run and binds the
    /// device version read here, inside the transaction (the pinned one for a replay), never a cached one. While
    /// every lane of a device is leased, only tasks spending one of those leases are eligible.
    /// </summary>
    public async Task<ClaimedTask?> TryClaimAsync(AgentRecord agent, CancellationToken cancellationToken = default)
    {
        var claimed = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            w.SaveAgent(agent with { LastHeartbeat = now, StaleReported = false });
            var task = w.NextQueued(agent.Devices.IsDefaultOrEmpty ? null : agent.Devices, LeaseRules.Gate(w, now));
            if (task is null) return null;
            var device = w.GetDevice(task.Device, task.RequestedSnapshotVersion)
                ?? throw new InvalidOperationException($"task {task.Id} names device {task.Device} v{task.RequestedSnapshotVersion}, which the store lacks");
            var applied = (TransitionOutcome.Applied)TaskAutomaton.Apply(task, new TaskOperation.Claim(agent.AgentId, device.Version), now);
            w.UpdateTask(applied.Task);
            w.Append(applied.Event, now);
            return new ClaimedTask(applied.Task, device);
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (claimed is not null) metrics.Claimed();
        return claimed;
    }
}

/// <summary>A claimed task and the device version bound to it.</summary>
public sealed record ClaimedTask(TaskRecord Task, DeviceVersion Device);
