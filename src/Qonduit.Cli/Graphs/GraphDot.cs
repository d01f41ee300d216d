using System.Text;
using Qonduit.Graphs.Definition;
using Qonduit.Graphs.Runs;

namespace Qonduit.Cli.Graphs;

/// <summary>
/// Graphviz of a graph: a box per node, an edge from each upstream node, a cluster per body and template; for a run,
/// each node filled by the state of its instances (the most advanced one's colour, and how many there are in each
/// state when there are several: a map's children, a loop's iterations).
/// </summary>
public static class GraphDot
{
    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["pending"] = "white", ["running"] = "lightblue", ["retrying"] = "gold", ["succeeded"] = "palegreen", ["failed"] = "salmon",
        ["errored"] = "orange", ["skipped"] = "lightgrey", ["omitted"] = "gray90", ["cancelled"] = "gray70",
    };

    /// <param name="instances">A run's node instances: key → state; null draws the graph alone.</param>
    public static string Render(Graph graph, IReadOnlyDictionary<string, string>? instances = null)
    {
        var states = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, state) in instances ?? new Dictionary<string, string>())
        {
            var path = RunKeys.NodeOf(graph, key).Path;
            if (!states.TryGetValue(path, out var list)) states[path] = list = [];
            list.Add(state);
        }
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote(graph.Name)).AppendLine(" {");
        dot.AppendLine("  rankdir=LR;");
        dot.AppendLine("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];");
        Scope(dot, graph.Root, states, "  ");
        dot.AppendLine("}");
        return dot.ToString();
    }

    private static void Scope(StringBuilder dot, GraphScope scope, Dictionary<string, List<string>> states, string indent)
    {
        foreach (var node in scope.Nodes)
        {
            var label = $"{node.Id}\\n{node.Kind.ToString().ToLowerInvariant()}{Detail(node)}";
            var fill = "white";
            if (states.TryGetValue(node.Path, out var seen))
            {
                fill = Colours[seen.OrderBy(s => Array.IndexOf(Order, s)).Last()];
                label += "\\n" + string.Join(", ", seen.GroupBy(s => s).OrderBy(g => Array.IndexOf(Order, g.Key)).Select(g => seen.Count == 1 ? g.Key : $"{g.Count()} {g.Key}"));
            }
            dot.Append(indent).Append(Quote(node.Path)).Append(" [label=").Append(Quote(label)).Append(", fillcolor=").Append(fill).AppendLine("];");
            foreach (var up in node.Upstream.Order(StringComparer.Ordinal))
                dot.Append(indent).Append(Quote(scope.ById[up].Path)).Append(" -> ").Append(Quote(node.Path)).AppendLine(";");
            if (node.Body is not { } body) continue;
            dot.Append(indent).Append("subgraph ").Append(Quote("cluster_" + node.Path)).AppendLine(" {");
            dot.Append(indent).Append("  label=").Append(Quote(node.Kind == NodeKind.Map ? $"each item of {node.Id}" : $"body of {node.Id}")).AppendLine(";");
            Scope(dot, body, states, indent + "  ");
            dot.Append(indent).AppendLine("}");
            dot.Append(indent).Append(Quote(node.Path)).Append(" -> ").Append(Quote(body.Nodes[0].Path)).AppendLine(" [style=dashed, arrowhead=none];");
        }
    }

    /// <summary>States from the earliest to the most advanced: the colour of a node with several instances is the last's.</summary>
    private static readonly string[] Order = ["pending", "running", "retrying", "succeeded", "skipped", "omitted", "cancelled", "errored", "failed"];

    private static string Detail(GraphNode node) => node.Kind switch
    {
        NodeKind.Loop => $" ≤ {node.MaxIterations}",
        NodeKind.Join => $" {node.Mode.ToString().ToLowerInvariant()}{(node.Mode == JoinMode.Quorum ? ":" + node.Quorum : "")}",
        NodeKind.Task when node.Command is { } command => $" {command.Name}",
        _ => "",
    };

    /// <summary>A DOT string; labels carry their `\n` line breaks on purpose, so only quotes are escaped.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
