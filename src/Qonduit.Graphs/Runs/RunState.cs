using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;

namespace Qonduit.Graphs.Runs;

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>A node's transition, kept to be committed with the run's rows as a `node.*` event.</summary>
public sealed record NodeChange(string Key, NodeState From, NodeState To, NodeEvent Trigger, string? Detail = null);

/// <summary>
/// A run as the planner changes it: every node instance made so far, by key, and the changes since the engine last
/// committed (<see cref="TakeChanges"/>). The engine loads it from the store, lets the planner move it, and writes the
/// changed instances and their events in one transaction.
/// </summary>
public sealed class RunState(Graph graph, JsonObject inputs)
{
    private readonly List<NodeChange> _changes = [];
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    public Graph Graph { get; } = graph;

    public JsonObject Inputs { get; } = inputs;

    public Dictionary<string, NodeInstance> Instances { get; } = new(StringComparer.Ordinal);

    public RunStatus Status { get; set; } = RunStatus.Running;

    /// <summary>Adds a new instance (Pending) and marks it to be written.</summary>
    public NodeInstance Add(string key, GraphNode node, JsonNode? item = null, int? index = null)
    {
        var instance = Load(new NodeInstance(key, node) { Item = item, Index = index });
        _touched.Add(key);
        return instance;
    }

    /// <summary>Adds an instance as stored; a map's child is also listed under its map, which is loaded first (keys sort so).</summary>
    public NodeInstance Load(NodeInstance instance)
    {
        Instances.Add(instance.Key, instance);
        if (instance.Index is not null && Instances.TryGetValue(instance.Key[..instance.Key.LastIndexOf('[')], out var map) && map.Node.Kind == NodeKind.Map)
            map.Children.Add(instance);
        return instance;
    }

    /// <summary>Moves an instance by the automaton's table; a transition the table lacks is a planner bug, not a user's error.</summary>
    public void Move(NodeInstance instance, NodeEvent trigger, DateTimeOffset now, string? detail = null)
    {
        var to = NodeAutomaton.Next(instance.State, trigger)
            ?? throw new InvalidOperationException($"{instance.Key}: no transition from {instance.State} on {trigger}");
        _changes.Add(new NodeChange(instance.Key, instance.State, to, trigger, detail));
        instance.State = to;
        if (to == NodeState.Running) instance.StartedAt ??= now;
        if (NodeAutomaton.IsTerminal(to)) instance.EndedAt = now;
        _touched.Add(instance.Key);
    }

    /// <summary>Marks an instance whose fields changed without a transition (its outputs, its count) to be written.</summary>
    public void Touch(NodeInstance instance) => _touched.Add(instance.Key);

    /// <summary>The transitions and the instances to write since the last call.</summary>
    public (IReadOnlyList<NodeChange> Changes, IReadOnlyList<NodeInstance> Touched) TakeChanges()
    {
        var result = (_changes.ToList(), _touched.Select(k => Instances[k]).ToList());
        _changes.Clear();
        _touched.Clear();
        return result;
    }
}
