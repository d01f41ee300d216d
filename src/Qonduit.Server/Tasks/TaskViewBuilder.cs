using System.Text.Json;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Consumers;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Placement;
using Qonduit.Server.Resources;

namespace Qonduit.Server.Tasks;

/// <summary>
/// Builds task views with what is computed rather than stored: staleness, the <see cref="PendingRules">pending reason</see>
/// of queued tasks and the progress of running ones. A page costs the same few reads as one task (agents, leases, the
/// queue order of its devices) whatever its length: never a read per task.
/// </summary>
public sealed class TaskViewBuilder(
    IControlPlaneStore store, DeviceRegistry devices, AgentLiveness liveness, TaskProgressBoard progress, PlacementLanes lanes, LoadIndexCatalog indices,
    FairShareBoard fairShare, ConsumerCaps caps, TimeProvider time)
{
    /// <param name="viewer">Who reads the views: what a pending reason may say of other users' leases depends on it.</param>
    /// <remarks>One task's view (show, submit, cancel) also carries how a claim placed it, read from its latest claim event.</remarks>
    public TaskView Of(TaskRecord task, Caller viewer)
    {
        var view = Of([task], viewer)[0];
        if (task.Requirement is null || task.State == TaskState.Queued) return view;
        var claimed = store.ReadEvents(0, new EventFilter(TaskId: task.Id, Types: [EventTypes.TaskClaimed]), TaskAutomaton.MaxAttempts).LastOrDefault();
        return claimed is null ? view : view with { Placement = JsonSerializer.Deserialize<TaskEventData>(claimed.Data, TaskEvents.Json)?.Placement };
    }

    public IReadOnlyList<TaskView> Of(IReadOnlyList<TaskRecord> tasks, Caller viewer)
    {
        var now = time.GetUtcNow();
        var agents = store.ListAgents();
        var stale = agents.Where(a => liveness.IsStale(a.LastHeartbeat, now)).Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);
        var queued = tasks.Where(t => t.State == TaskState.Queued).ToList();
        var facts = queued.Count == 0 ? null : Facts(queued, agents.Where(a => !stale.Contains(a.AgentId)).ToList(), now);
        return [.. tasks.Select(t => TaskViews.From(t, AgentLiveness.IsStaleTask(t, stale),
            facts is not null && t.State == TaskState.Queued ? PendingRules.Explain(t, facts, viewer) : null, progress.Of(t)))];
    }

    /// <summary>
    /// How many resources each requirement task's requirement selects now, reading the resources once; for a command task,
    /// only pools whose live agents declare its command count.
    /// </summary>
    private Dictionary<Guid, int>? RequirementMatches(List<TaskRecord> queued, DateTimeOffset now)
    {
        var placed = queued.Where(t => t.Requirement is not null).ToList();
        if (placed.Count == 0) return null;
        var resources = lanes.Read(now);
        var evaluator = new RequirementEvaluator(indices.All);
        return placed.ToDictionary(t => t.Id, t => PlacementApi.Evaluate(evaluator, RequirementParser.Parse(t.Requirement!),
            t.Command is null ? resources : [.. resources.Where(l => CommandTasks.Offers(l, t))], now).Candidates.Count);
    }

    /// <summary>For each queued device-bound task's consumer at its cap on the task's device, the allocation it runs at.</summary>
    private Dictionary<(string Consumer, string Pool), int>? ConsumerLimits(List<TaskRecord> queued)
    {
        var standing = fairShare.Standing;
        if (!standing.AnyOwnership) return null;
        var limits = new Dictionary<(string, string), int>();
        foreach (var plan in caps.Plans(standing))
        {
            var atCap = plan.AtCap(standing).ToHashSet(StringComparer.Ordinal);
            foreach (var task in queued.Where(t => t.Requirement is null && t.Device == plan.Pool && atCap.Contains(standing.LeafOf(t.Consumer))))
                limits[(task.Consumer, plan.Pool)] = plan.Allocation.GetValueOrDefault(standing.LeafOf(task.Consumer));
        }
        return limits;
    }

    private PendingFacts Facts(List<TaskRecord> queued, List<AgentRecord> live, DateTimeOffset now)
    {
        var names = queued.Select(t => t.Device).ToHashSet(StringComparer.Ordinal);
        var loaded = names.ToDictionary(d => d, devices.Current, StringComparer.Ordinal);
        var offline = names.Where(d => loaded[d] is not { } device || device.Snapshot.Qubits.All(q => q.Status != QubitStatus.Online))
            .ToHashSet(StringComparer.Ordinal);
        var served = live.SelectMany(a => a.Devices.IsDefault ? [] : a.Devices).ToHashSet(StringComparer.Ordinal);
        var anyDevice = live.Any(a => a.Devices.IsDefaultOrEmpty);
        var full = new HashSet<string>(StringComparer.Ordinal);
        var leases = new HashSet<Guid>();
        var holdings = new List<LeaseHolding>();
        foreach (var held in store.OpenLeases().Where(l => l.IsActiveAt(now) && names.Contains(l.Device)).GroupBy(l => l.Device, StringComparer.Ordinal))
        {
            var active = held.ToList();
            var lanes = loaded[held.Key]?.Stored.Lanes ?? 1;
            if (LeaseRules.LanesInUse(active, lanes) < lanes) continue;
            full.Add(held.Key);
            leases.UnionWith(active.Select(l => l.Id));
            holdings.AddRange(active.OrderBy(l => l.Lane).Select(l => new LeaseHolding(l.Device, l.Tenant, l.Holder)));
        }
        // One task (submit, show, cancel) counts its predecessors; a page reads the queue once instead of counting per task.
        var ahead = queued.Count == 1
            ? new Dictionary<Guid, int> { [queued[0].Id] = store.CountQueuedAhead(queued[0]) }
            : PendingRules.Positions(store.QueueOrder(names.Count == 1 ? names.First() : null));
        return new PendingFacts(offline, served, anyDevice, full, leases, ahead, holdings, RequirementMatches(queued, now), ConsumerLimits(queued));
    }
}
