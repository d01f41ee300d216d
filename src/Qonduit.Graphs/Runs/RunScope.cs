using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

/// <summary>
/// The names a graph's expressions read, for one scope instance of a run, with the placement language's three-valued
/// logic: a node's state is known only once it ended (`nodes.a.Succeeded` is UNDEFINED while `a` runs, so a condition
/// waits instead of deciding early), and an output not produced yet is UNDEFINED. A name not found here is looked up in
/// the enclosing scope instance (<paramref name="parent"/>), as the compiler resolved it.
/// </summary>
public sealed class RunScope(
    Func<string, NodeSnapshot?> nodes,
    RunScope? parent = null,
    IReadOnlyDictionary<string, Value>? inputs = null,
    int? index = null) : IExpressionScope
{
    public RunScope(IReadOnlyDictionary<string, NodeSnapshot> nodes, RunScope? parent = null, IReadOnlyDictionary<string, Value>? inputs = null, int? index = null)
        : this(id => nodes.GetValueOrDefault(id), parent, inputs, index)
    {
    }

    public Value Read(string name)
    {
        var parts = name.Split('.');
        return parts switch
        {
            ["index"] => index is { } i ? Value.Of(i) : parent?.Read(name) ?? Value.Undefined,
            ["inputs", var input] => inputs is not null && inputs.TryGetValue(input, out var value) ? value : parent?.Read(name) ?? Value.Undefined,
            ["nodes", var id, ..] when nodes(id) is null => parent?.Read(name) ?? Value.Undefined,
            ["nodes", var id, "outputs", var field] => nodes(id)!.Outputs is { } outputs && outputs.TryGetValue(field, out var output) ? output : Value.Undefined,
            ["nodes", var id, var state] => State(nodes(id)!, state),
            _ => Value.Undefined,
        };
    }

    public bool IsDefined(string name) => Read(name).Kind != ValueKind.Undefined;

    /// <summary>A run's names carry no arrival time of their own: `age()` is UNDEFINED.</summary>
    public Value Age(string name) => Value.Undefined;

    private static Value State(NodeSnapshot node, string state)
    {
        var ended = NodeAutomaton.IsTerminal(node.State);
        if (state is "AnySucceeded" or "AllFailed" && node.Children is { } children)
        {
            // Decided as soon as it cannot change: one success settles both; otherwise only the end of every child does.
            if (children.Succeeded > 0) return Value.Of(state == "AnySucceeded");
            if (!ended && children.Ended < children.Total) return Value.Undefined;
            return Value.Of(state == "AllFailed" && children.Failed == children.Total && children.Total > 0);
        }
        return ended && Enum.TryParse<NodeState>(state, out var named) ? Value.Of(node.State == named) : Value.Undefined;
    }
}
