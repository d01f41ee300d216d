using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;
using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

/// <summary>
/// One scope instance of a run while the planner walks it: the graph's nodes, a subgraph's body, a loop's iteration or a
/// map's child. Its instances' keys start with <see cref="Prefix"/>; names it does not hold are looked up in
/// <see cref="Parent"/>, as the compiler resolved them.
/// </summary>
internal sealed class ScopeFrame
{
    private readonly RunState _run;

    public ScopeFrame(RunState run, GraphScope scope, string prefix, ScopeFrame? parent, JsonNode? item = null, int? index = null)
    {
        _run = run;
        Scope = scope;
        Prefix = prefix;
        Parent = parent;
        Item = item;
        Names = new RunScope(Snapshot, parent?.Names, parent is null ? Scalars(run.Inputs) : null, index);
    }

    public GraphScope Scope { get; }

    public string Prefix { get; }

    public ScopeFrame? Parent { get; }

    /// <summary>A map child's item: what its template's `item` port reads.</summary>
    public JsonNode? Item { get; }

    public RunScope Names { get; }

    public string KeyOf(GraphNode node) => Prefix + node.Id;

    /// <summary>The instance a name's node id means here; null when that node has no instance yet (or is not visible).</summary>
    public NodeInstance? Find(string id) =>
        Scope.ById.ContainsKey(id) ? _run.Instances.GetValueOrDefault(Prefix + id) : Parent?.Find(id);

    public JsonNode? FindItem() => Item ?? Parent?.FindItem();

    /// <summary>A node of this scope with no instance yet reads as Pending, never as a namesake further out.</summary>
    private NodeSnapshot? Snapshot(string id)
    {
        if (!Scope.ById.TryGetValue(id, out var node)) return null;
        if (!_run.Instances.TryGetValue(Prefix + id, out var instance)) return new NodeSnapshot(NodeState.Pending);
        return new NodeSnapshot(instance.State, Scalars(instance.Outputs, node.Outputs), node.Kind == NodeKind.Map ? Children(instance) : null);
    }

    private static ChildCounts Children(NodeInstance map)
    {
        var (succeeded, failed, ended) = (0, 0, 0);
        foreach (var child in map.Children)
        {
            if (child.State == NodeState.Succeeded) succeeded++;
            if (child.State is NodeState.Failed or NodeState.Errored) failed++;
            if (NodeAutomaton.IsTerminal(child.State)) ended++;
        }
        return new ChildCounts(map.Count, succeeded, failed, ended);
    }

    /// <summary>The numbers and strings among <paramref name="values"/>: all an expression may read.</summary>
    private static Dictionary<string, Value>? Scalars(JsonObject? values, IReadOnlyDictionary<string, MediaType>? declared = null)
    {
        if (values is null) return null;
        var scalars = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (declared is not null && !(declared.TryGetValue(name, out var type) && type.IsScalar)) continue;
            if (value is JsonValue v && v.TryGetValue<double>(out var number)) scalars[name] = Value.Of(number);
            else if (value is JsonValue s && s.TryGetValue<string>(out var text)) scalars[name] = Value.Of(text);
        }
        return scalars;
    }
}
