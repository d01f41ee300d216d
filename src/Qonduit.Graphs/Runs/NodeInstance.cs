using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;

namespace Qonduit.Graphs.Runs;

/// <summary>
/// One node of a run in one scope instance, as the store keeps it. <see cref="Key"/> names the instance: `prep`,
/// `sub.x` (a subgraph's body), `opt[2].fan` (a loop's third iteration), `opt[2].fan[17]` (that map's 18th child).
/// </summary>
public sealed class NodeInstance(string key, GraphNode node)
{
    public string Key { get; } = key;

    public GraphNode Node { get; } = node;

    public NodeState State { get; set; } = NodeState.Pending;

    /// <summary>The attempt under way or last made (1-based; 0 before the first).</summary>
    public int Attempt { get; set; }

    /// <summary>The task of the attempt under way or last made.</summary>
    public Guid? TaskId { get; set; }

    /// <summary>When a Retrying node's next attempt is due.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>What the node produced: field → a number, a string, a list, an artifact reference or an inlined document.</summary>
    public JsonObject? Outputs { get; set; }

    public string? ErrorCode { get; set; }

    public string? Error { get; set; }

    /// <summary>A map child's item and index.</summary>
    public JsonNode? Item { get; init; }

    public int? Index { get; init; }

    /// <summary>A map's children, or a loop's iterations begun.</summary>
    public int Count { get; set; }

    /// <summary>A map's children by index, as the run holds them (not stored: their keys say whose they are).</summary>
    public List<NodeInstance> Children { get; } = [];

    public override string ToString() => $"{Key} {State}";
}
