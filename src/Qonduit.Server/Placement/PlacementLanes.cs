using System.Text.Json;
using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Syntax;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Server.Agents;
using Qonduit.Server.Resources;

namespace Qonduit.Server.Placement;

/// <summary>
/// A resource as placement sees it now: its candidate (built-in indices from <see cref="ResourceCatalog"/>, reported ones
/// from <see cref="LoadIndexBoard"/>) and the live agents that serve it. It is up when a live agent serves it and it has
/// room (QPU: online with a lane no lease holds; pool: declared by a live agent with a slot no running placed task holds).
/// </summary>
/// <param name="Free">Whether the resource itself has room: `qpu_lanes_free` or `slots_free` above 0, online.</param>
/// <param name="Select">A pool's own select (its latest declaration's), ANDed with every task's; null for a QPU or a pool without one.</param>
/// <param name="Commands">The commands a pool's live agents declare (command tasks go only where theirs is); null for a QPU.</param>
public sealed record PlacementLane(LaneCandidate Candidate, string Kind, IReadOnlySet<string> Agents, bool Free, Expr? Select = null,
    IReadOnlySet<string>? Commands = null)
{
    public string Name => Candidate.LaneId;

    public bool IsQpu => Kind == "qpu";

    /// <summary>Whether the resource's own select lets a task's select choose it now (LSF: the two are ANDed).</summary>
    public bool Admits(RequirementEvaluator evaluator, DateTimeOffset now) => Select is null || evaluator.Evaluate(Select, Candidate, now).IsTrue;
}

/// <summary>Reads every resource of every kind into <see cref="PlacementLane"/>s, one read of the catalogue, agents and pools.</summary>
public sealed class PlacementLanes(ResourceCatalog catalog, LoadIndexBoard reported, PoolBoard pools, IControlPlaneStore store, AgentLiveness liveness)
{
    private readonly BoundedCache<string, Expr> _parsedSelects = new(256, StringComparer.Ordinal);

    /// <param name="running">The running requirement tasks when the caller has read them already (a claim reads them once).</param>
    public IReadOnlyList<PlacementLane> Read(DateTimeOffset now, IReadOnlyList<PlacedRun>? running = null)
    {
        var live = store.ListAgents().Where(a => !liveness.IsStale(a.LastHeartbeat, now)).ToList();
        var poolAgents = pools.All().Where(p => !liveness.IsStale(p.Declared.At, now))
            .SelectMany(p => p.Declared.Pools.Select(pool => (pool.Name, p.AgentId)))
            .ToLookup(p => p.Name, p => p.AgentId, StringComparer.Ordinal);
        // A pool's select is its latest declaration's, like its kind (the heartbeat refused any that does not parse).
        var selects = pools.All().SelectMany(p => p.Declared.Pools.Select(pool => (pool.Name, pool.Select, p.Declared.At)))
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(p => p.At).Select, StringComparer.Ordinal);
        var lanes = new List<PlacementLane>();
        // A device and a pool of one name are both resources; the device is the one placement knows by that name.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in catalog.List(running))
        {
            if (!seen.Add(resource.Name)) continue;
            var indices = new Dictionary<string, IndexSample>(reported.Values(resource.Name, now), StringComparer.Ordinal);
            // The catalogue's view carries reported values too; only the built-in ones never age, a reported one keeps its interval.
            foreach (var (name, view) in resource.Indices.Where(i => BuiltInIndices.Catalog.Find(i.Key) is not null))
                indices[name] = new IndexSample(Value(view.Value), view.At, Timeout.InfiniteTimeSpan);
            var qpu = resource.Kind == "qpu";
            var agents = qpu
                ? live.Where(a => a.Devices.IsDefaultOrEmpty || a.Devices.Contains(resource.Name)).Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal)
                : poolAgents[resource.Name].ToHashSet(StringComparer.Ordinal);
            var room = indices.TryGetValue(qpu ? BuiltInIndices.QpuLanesFree.Name : BuiltInIndices.SlotsFree.Name, out var left) && left.Value.Number > 0;
            var free = resource.State == "online" && room;
            lanes.Add(new PlacementLane(new LaneCandidate(resource.Name, free && agents.Count > 0, indices), resource.Kind, agents, free,
                qpu ? null : ParsedSelect(selects.GetValueOrDefault(resource.Name)),
                qpu ? null : agents.SelectMany(pools.CommandsOf).ToHashSet(StringComparer.Ordinal)));
        }
        return lanes;
    }

    private Expr? ParsedSelect(string? text)
    {
        return text is null ? null : _parsedSelects.Get(text, RequirementRules.PoolSelect);
    }

    private static IndexValue Value(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? IndexValue.Of(value.GetString()!) : IndexValue.Of(value.GetDouble());
}
