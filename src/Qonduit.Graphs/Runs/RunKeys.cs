using System.Globalization;
using Qonduit.Graphs.Definition;

namespace Qonduit.Graphs.Runs;

/// <summary>
/// The graph node an instance key names: segments `id` or `id[n]` joined by `.` — `n` a loop's iteration or a map's
/// child — so a stored run's rows find their nodes again in its graph.
/// </summary>
public static class RunKeys
{
    public static GraphNode NodeOf(Graph graph, string key)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(key);
        var scope = graph.Root;
        var segments = key.Split('.');
        GraphNode? current = null;
        for (var i = 0; i < segments.Length; i++)
        {
            var (id, index) = Parse(segments[i], key);
            current = scope.ById.GetValueOrDefault(id) ?? throw Unknown(key);
            var last = i == segments.Length - 1;
            var child = index is not null && current.Kind == NodeKind.Map;
            if (child) current = current.Template!;
            else if (index is not null && (current.Kind != NodeKind.Loop || last)) throw Unknown(key);
            if (last) break;
            // An iteration `loop[n]`, a subgraph, or a map's child whose template is a subgraph hold the next segment.
            var holds = index is null ? current.Kind == NodeKind.Subgraph : child ? current.Kind == NodeKind.Subgraph : current.Kind == NodeKind.Loop;
            scope = holds ? current.Body! : throw Unknown(key);
        }
        return current!;
    }

    private static (string Id, int? Index) Parse(string segment, string key)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0) return (segment, null);
        if (!segment.EndsWith(']') || !int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw Unknown(key);
        return (segment[..open], index);
    }

    private static KeyNotFoundException Unknown(string key) => new($"'{key}' names no node instance of the graph");
}
