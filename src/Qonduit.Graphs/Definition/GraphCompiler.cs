using System.Text.RegularExpressions;
using Qonduit.Contracts.Graphs;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Graphs.Definition;

/// <summary>
/// Checks a posted <see cref="GraphDefinition"/> into a <see cref="Graph"/> (docs/orchestration.md §4): every field
/// the node's kind needs and none it does not, ids unique in their scope, every name resolvable from where it is read,
/// every data edge's media type accepted by its port, no cycle in any scope, and bounded in nodes, nesting and
/// iterations. The first problem found is thrown as a <see cref="GraphException"/> naming the node and field.
/// </summary>
public static partial class GraphCompiler
{
    public const int MaxNodes = 5000;
    public const int MaxDepth = 8;
    public const int MaxIterations = 10_000;
    public const int MaxShots = 1_000_000;

    private static readonly string[] Kinds = ["task", "map", "join", "loop", "subgraph"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex IdPattern();

    public static Graph Compile(GraphDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 128)
            throw Invalid("graph.name", "a graph needs a name of 1 to 128 characters");
        if (definition.Nodes is not { Count: > 0 }) throw Invalid("graph.nodes", "a graph needs at least one node");
        var inputs = new Dictionary<string, MediaType>(StringComparer.Ordinal);
        foreach (var (name, type) in definition.Inputs ?? new Dictionary<string, string>())
        {
            if (!IdPattern().IsMatch(name)) throw Invalid($"graph.inputs.{name}", "an input's name is a letter or '_' then up to 63 letters, digits or '_'");
            inputs[name] = MediaType.TryParse(type) ?? throw Invalid($"graph.inputs.{name}", $"'{type}' is not a media type (type/subtype, optionally with [] for a list)");
        }
        var builder = new Builder(inputs);
        var root = new GraphScope(null, null);
        builder.Build(definition.Nodes, root, "nodes", depth: 1);
        builder.Resolve(root);
        Order(root);
        return new Graph(definition.Name, inputs, root, definition.AbortRunOnNodeFailure ?? false, builder.Count);
    }

    private static GraphException Invalid(string where, string reason) => new(ErrorCodes.Graph.Invalid, where, reason);

    /// <summary>Each scope's nodes in an order where every node comes after its upstream (Kahn); a cycle is refused.</summary>
    private static void Order(GraphScope scope)
    {
        var remaining = scope.Nodes.ToDictionary(n => n.Id, n => n.Upstream.Count, StringComparer.Ordinal);
        var downstream = scope.Nodes.ToDictionary(n => n.Id, _ => new List<GraphNode>(), StringComparer.Ordinal);
        foreach (var node in scope.Nodes)
            foreach (var up in node.Upstream) downstream[up].Add(node);
        var ready = new Queue<GraphNode>(scope.Nodes.Where(n => n.Upstream.Count == 0));
        var ordered = new List<GraphNode>();
        while (ready.TryDequeue(out var node))
        {
            ordered.Add(node);
            foreach (var next in downstream[node.Id])
                if (--remaining[next.Id] == 0) ready.Enqueue(next);
        }
        if (ordered.Count < scope.Nodes.Count)
        {
            var stuck = scope.Nodes.Where(n => remaining[n.Id] > 0).Select(n => n.Id);
            var where = scope.Owner?.Path ?? "graph";
            throw new GraphException(ErrorCodes.Graph.Cycle, where, $"these nodes depend on each other in a cycle: {string.Join(", ", stuck)}; repeat work with a loop");
        }
        scope.Nodes.Clear();
        scope.Nodes.AddRange(ordered);
        foreach (var node in ordered)
            if (node.Body is { } body) Order(body);
    }

    /// <summary>Parses an expression of the placement grammar, refusing it with the field and column.</summary>
    private static Expr ParseExpression(string text, string where)
    {
        try
        {
            return RequirementParser.ParseExpression(text);
        }
        catch (RequirementException e)
        {
            throw new GraphException(ErrorCodes.Graph.InvalidExpression, where, $"column {e.Column}: {e.Reason}");
        }
    }
}
