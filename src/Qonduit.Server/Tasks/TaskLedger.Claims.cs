using System.Collections.Immutable;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Agents;
using Qonduit.Server.Consumers;
using Qonduit.Server.Leases;
using Qonduit.Server.Placement;

namespace Qonduit.Server.Tasks;

public sealed partial class TaskLedger
{
    /// <summary>
    /// One CLAIM attempt: refused 403 when the agent id is bound to another key; otherwise records the agent's
    /// heartbeat, takes back the tasks an earlier incarnation of it left (rule: a new incarnation that claims holds
    /// none of them), then takes up to <paramref name="max"/> queued tasks it may run, one after the other in claim order,
    /// and binds to each the device version read here, inside the transaction (the pinned one for a replay), never a
    /// cached one. While every lane of a device is leased, only tasks spending one of those leases are eligible.
    /// </summary>
    /// <param name="placed">A requirement task placement offers this claim, taken only when fewer than
    /// <paramref name="max"/> device-bound tasks were, and only if it is still queued as placement saw it.</param>
    /// <param name="order">Fair share's order and caps (<see cref="ClaimOrder"/>); the plain queue order when null.</param>
    /// <returns>The tasks claimed, in claim order; empty when none was there.</returns>
    public async Task<IReadOnlyList<ClaimedTask>> TryClaimAsync(
        AgentCall call, int capacity, ImmutableArray<string> devices, PlacedTask? placed = null, ClaimOrder? order = null, int max = 1,
        CancellationToken cancellationToken = default)
    {
        var (claimed, refused, requeued) = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var known = w.GetAgent(call.AgentId);
            if (AgentBinding.Refusal(known, call, TaskAutomaton.OperationName(TaskOperationKind.Claim), null) is { } refusal)
            {
                w.Append(refusal.Evidence!, now);
                return ((List<ClaimedTask>?)null, (TransitionOutcome.Refused?)refusal, 0);
            }
            var (taken, lost) = ClaimWithin(w, known, call, new ClaimSpec(capacity, devices, max, placed, order), now);
            return (taken, (TransitionOutcome.Refused?)null, lost);
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (refused is not null) throw new RefusedException(refused.Refusal);
        if (requeued > 0) work.Pulse();
        metrics.Claimed(claimed!.Count);
        return claimed;
    }

    /// <summary>
    /// Inside a transaction whose caller may claim: records the agent's call, takes back what an earlier incarnation left,
    /// then takes up to <see cref="ClaimSpec.Max"/> tasks (see <see cref="TryClaimAsync"/>). Returns them and how many
    /// tasks went back to the queue.
    /// </summary>
    private static (List<ClaimedTask> Taken, int Requeued) ClaimWithin(IStoreWriter w, AgentRecord? known, AgentCall call, ClaimSpec spec, DateTimeOffset now)
    {
        var seen = AgentBinding.Touch(known, call, now) with { Capacity = spec.Capacity, Devices = spec.Devices, Incarnation = call.Incarnation };
        if (AgentBinding.WorthSaving(known, seen)) w.SaveAgent(seen);
        var lost = known is not null && known.Incarnation != call.Incarnation ? ReclaimFromEarlierIncarnations(w, call, now) : 0;
        var taken = new List<ClaimedTask>();
        var gate = LeaseRules.Gate(w, now);
        // Tasks of one batch mostly share a device: its version is read once per batch, still inside the transaction.
        var versions = new Dictionary<(string, int?), DeviceVersion>();
        while (taken.Count < spec.Max && (spec.Order ?? ClaimOrder.Plain).Next(w, spec.Devices.IsDefaultOrEmpty ? null : spec.Devices, gate) is { } task)
        {
            var key = (task.Device, task.RequestedSnapshotVersion);
            if (!versions.TryGetValue(key, out var device))
            {
                device = w.GetDevice(task.Device, task.RequestedSnapshotVersion)
                    ?? throw new InvalidOperationException($"task {task.Id} names device {task.Device} v{task.RequestedSnapshotVersion}, which the store lacks");
                versions[key] = device;
            }
            var applied = (TransitionOutcome.Applied)Record(w, task, new TaskOperation.Claim(call.AgentId, device.Version, call.Incarnation), now);
            taken.Add(new ClaimedTask(applied.Task, device));
        }
        if (taken.Count < spec.Max && ClaimPlaced(w, call, spec.Placed, now) is { } placedTask) taken.Add(placedTask);
        return (taken, lost);
    }

    /// <summary>
    /// Claims the requirement task placement chose, binding the resource: a QPU's device and its current version, or for
    /// a simulator pool the task's own device (its pinned version, if any; its ideal twin for noise "ideal"), or for a
    /// task without a device the snapshot made for its ideal simulation. Null when the task moved on since it was chosen.
    /// </summary>
    private static ClaimedTask? ClaimPlaced(IStoreWriter w, AgentCall call, PlacedTask? placed, DateTimeOffset now)
    {
        if (placed is null || w.GetTask(placed.TaskId) is not { State: TaskState.Queued, Requirement: not null } task || task.UpdatedAt != placed.QueuedAt) return null;
        if (task.Command is not null)
        {
            // Placement offers a command task only to a pool whose agent declares the command (CommandTasks.Offers).
            if (placed.OnQpu) throw new InvalidOperationException($"command task {task.Id} was placed on the QPU {placed.Resource}");
            var bound = CommandTasks.Bound();
            var command = new TaskOperation.Claim(call.AgentId, bound.Version, call.Incarnation, bound.Device, placed.Decision, placed.Kind);
            return new ClaimedTask(((TransitionOutcome.Applied)Record(w, task, command, now)).Task, bound);
        }
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

/// <summary>What a claim asks for: the agent's free slots (recorded), its devices, how many tasks it takes, the requirement task placement offers and the order.</summary>
public sealed record ClaimSpec(int Capacity, ImmutableArray<string> Devices, int Max, PlacedTask? Placed, ClaimOrder? Order);
