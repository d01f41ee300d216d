using System.Collections.Immutable;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Agents;
using Qonduit.Server.Consumers;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Metrics;
using Qonduit.Server.Placement;
using Qonduit.Server.Problems;

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

    /// <summary>
    /// An agent's REPORT-RUNNING, -COMPLETED or -FAILED: refused 403 when its id is bound to another key; otherwise it
    /// counts as a sign of life of the agent and the automaton decides (owner, incarnation, stage).
    /// </summary>
    public Task<TaskRecord> ReportAsync(Guid id, TaskOperation report, AgentCall call, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, (w, task, now) =>
        {
            var known = w.GetAgent(call.AgentId);
            if (AgentBinding.Refusal(known, call, TaskAutomaton.OperationName(report.Kind), id) is { } refused)
            {
                w.Append(refused.Evidence!, now);
                return refused;
            }
            if (known is not null) w.SaveAgent(AgentBinding.Touch(known, call, now));
            return Record(w, task, report, now);
        }, null, cancellationToken);

    private async Task<TaskRecord> TransitionAsync(
        Guid id, Func<IStoreWriter, TaskRecord, DateTimeOffset, TransitionOutcome> decide, Func<TaskRecord, bool>? visible, CancellationToken cancellationToken)
    {
        var outcome = await store.WriteAsync(w =>
        {
            var task = w.GetTask(id);
            if (task is null || (visible is not null && !visible(task))) return null;
            return decide(w, task, time.GetUtcNow());
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case null:
                throw new RefusedException(ErrorCodes.Task.NotFound, $"no task {id}");
            case TransitionOutcome.Applied applied:
                if (applied.Task.State == TaskState.Queued) work.Pulse();
                if (applied.Task.IsTerminal) metrics.TaskEnded(applied.Task);
                return applied.Task;
            case TransitionOutcome.Noted noted:
                return noted.Task;
            case TransitionOutcome.Refused refused:
                if (refused.Evidence is not null) metrics.ReportRejected();
                throw new RefusedException(refused.Refusal);
            default:
                throw new InvalidOperationException("unknown transition outcome");
        }
    }

    /// <summary>Lets the automaton decide and writes what it returned: the record and its event, the record alone, or only the evidence of a refusal.</summary>
    internal static TransitionOutcome Record(IStoreWriter w, TaskRecord task, TaskOperation operation, DateTimeOffset now)
    {
        var decided = TaskAutomaton.Apply(task, operation, now);
        switch (decided)
        {
            case TransitionOutcome.Applied applied:
                w.UpdateTask(applied.Task);
                w.Append(applied.Event, now);
                break;
            case TransitionOutcome.Noted noted:
                w.UpdateTask(noted.Task);
                break;
            case TransitionOutcome.Refused { Evidence: { } evidence }:
                w.Append(evidence, now);
                break;
        }
        return decided;
    }

    /// <summary>
    /// One CLAIM attempt: refused 403 when the agent id is bound to another key; otherwise records the agent's
    /// heartbeat, takes back the tasks an earlier incarnation of it left (rule: a new incarnation that claims holds
    /// none of them), then takes the next queued task it may run and binds the device version read here, inside the
    /// transaction (the pinned one for a replay), never a cached one. While every lane of a device is leased, only
    /// tasks spending one of those leases are eligible.
    /// </summary>
    /// <param name="placed">A requirement task placement offers this claim, taken only when no device-bound task is, and
    /// only if it is still queued as placement saw it.</param>
    /// <param name="order">Fair share's order and caps (<see cref="ClaimOrder"/>); the plain queue order when null.</param>
    public async Task<ClaimedTask?> TryClaimAsync(
        AgentCall call, int capacity, ImmutableArray<string> devices, PlacedTask? placed = null, ClaimOrder? order = null, CancellationToken cancellationToken = default)
    {
        var (claimed, refused, requeued) = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var known = w.GetAgent(call.AgentId);
            if (AgentBinding.Refusal(known, call, TaskAutomaton.OperationName(TaskOperationKind.Claim), null) is { } refusal)
            {
                w.Append(refusal.Evidence!, now);
                return ((ClaimedTask?)null, (TransitionOutcome.Refused?)refusal, 0);
            }
            w.SaveAgent(AgentBinding.Touch(known, call, now) with { Capacity = capacity, Devices = devices, Incarnation = call.Incarnation });
            var lost = known is not null && known.Incarnation != call.Incarnation ? ReclaimFromEarlierIncarnations(w, call, now) : 0;
            var task = (order ?? ClaimOrder.Plain).Next(w, devices.IsDefaultOrEmpty ? null : devices, LeaseRules.Gate(w, now));
            if (task is null) return (ClaimPlaced(w, call, placed, now), (TransitionOutcome.Refused?)null, lost);
            var device = w.GetDevice(task.Device, task.RequestedSnapshotVersion)
                ?? throw new InvalidOperationException($"task {task.Id} names device {task.Device} v{task.RequestedSnapshotVersion}, which the store lacks");
            var applied = (TransitionOutcome.Applied)Record(w, task, new TaskOperation.Claim(call.AgentId, device.Version, call.Incarnation), now);
            return ((ClaimedTask?)new ClaimedTask(applied.Task, device), (TransitionOutcome.Refused?)null, lost);
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (refused is not null) throw new RefusedException(refused.Refusal);
        if (requeued > 0) work.Pulse();
        if (claimed is not null) metrics.Claimed();
        return claimed;
    }

    /// <summary>
    /// Claims the requirement task placement chose, binding the resource: a QPU's device and its current version, or for
    /// a simulator pool the task's own device (its pinned version, if any; its ideal twin for noise "ideal"), or for a
    /// task without a device the snapshot made for its ideal simulation. Null when the task moved on since it was chosen.
    /// </summary>
    private static ClaimedTask? ClaimPlaced(IStoreWriter w, AgentCall call, PlacedTask? placed, DateTimeOffset now)
    {
        if (placed is null || w.GetTask(placed.TaskId) is not { State: TaskState.Queued, Requirement: not null } task || task.UpdatedAt != placed.QueuedAt) return null;
        var deviceless = task.Device == IdealSimulation.Device;
        // Admission lets a task without a device select only simulator pools (RequirementAdmission.CheckSimulatorOnly).
        if (deviceless && placed.OnQpu) throw new InvalidOperationException($"task {task.Id} has no device yet was placed on the QPU {placed.Resource}");
        var device = (deviceless ? IdealSimulation.Bound(task.NumQubits)
                : placed.OnQpu ? w.GetDevice(placed.Resource) : w.GetDevice(task.Device, task.RequestedSnapshotVersion))
            ?? throw new InvalidOperationException($"task {task.Id} was placed on {placed.Resource}, whose device the store lacks");
        // A simulator asked for no noise runs on the device's noiseless twin, under the device's name and version.
        if (!placed.OnQpu && !deviceless && task.Noise == "ideal")
            device = device with { SnapshotJson = SnapshotJson.Serialize(IdealTwin.Of(SnapshotJson.Deserialize(device.SnapshotJson)) with { Device = device.Device }, indented: false) };
        var claim = new TaskOperation.Claim(call.AgentId, device.Version, call.Incarnation, device.Device, placed.Decision, placed.Kind);
        return new ClaimedTask(((TransitionOutcome.Applied)Record(w, task, claim, now)).Task, device);
    }
}

/// <summary>A claimed task and the device version bound to it.</summary>
public sealed record ClaimedTask(TaskRecord Task, DeviceVersion Device);
