using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Graphs.Definition;

public enum NodeKind
{
    Task,
    Map,
    Join,
    Loop,
    Subgraph,
}

/// <summary>When a `join` fires: once every item of its map ended, once one succeeded, or once k succeeded.</summary>
public enum JoinMode
{
    All,
    Any,
    Quorum,
}

public enum SourceKind
{
    /// <summary>`nodes.&lt;id&gt;.outputs.&lt;field&gt;`.</summary>
    NodeOutput,

    /// <summary>`inputs.&lt;name&gt;`: what the run was given.</summary>
    RunInput,

    /// <summary>`item`: in a map's template, the element of the list this child was made for.</summary>
    Item,
}

/// <summary>Where a data edge starts, and the type it carries.</summary>
public sealed record Source(SourceKind Kind, string? Node, string Field, MediaType Type)
{
    public override string ToString() => Kind switch
    {
        SourceKind.NodeOutput => $"nodes.{Node}.outputs.{Field}",
        SourceKind.RunInput => $"inputs.{Field}",
        _ => "item",
    };
}

/// <summary>A circuit task: its text (or null: it arrives on the `circuit` port) and its parameters' expressions.</summary>
public sealed record CircuitStep(string? Qasm, string? Device, int Shots, long? Seed, string? Noise, IReadOnlyDictionary<string, Expr> Parameters);

public sealed record CommandStep(string Name, IReadOnlyList<string> Args);

/// <summary>
/// A checked node. <see cref="Upstream"/> are the ids of its scope's nodes it waits for: those its inputs, `after`,
/// expressions and `from` name, and those its body's nodes name outside the body (lifted to it).
/// </summary>
public sealed class GraphNode
{
    public required string Id { get; init; }

    public required NodeKind Kind { get; init; }

    /// <summary>The scope the node is one of: the graph's, a body's or a template's.</summary>
    public required GraphScope Scope { get; init; }

    /// <summary>`nodes.a.nodes.b`-style path for messages: the ids of its owners and its own, dotted.</summary>
    public required string Path { get; init; }

    public Expr? Depends { get; init; }

    public Expr? When { get; init; }

    public HashSet<string> Upstream { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Source> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MediaType> Outputs { get; } = new(StringComparer.Ordinal);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    public string? Requirement { get; init; }

    public string? Consumer { get; init; }

    public CircuitStep? Circuit { get; init; }

    public CommandStep? Command { get; init; }

    /// <summary>A map's list.</summary>
    public Source? Over { get; set; }

    /// <summary>A map's template: the node each item runs, alone in <see cref="Body"/>.</summary>
    public GraphNode? Template => Kind == NodeKind.Map ? Body!.Nodes[0] : null;

    /// <summary>A join's map.</summary>
    public string? From { get; init; }

    public JoinMode Mode { get; init; }

    /// <summary>A join's k for <see cref="JoinMode.Quorum"/>.</summary>
    public int Quorum { get; init; }

    public int MaxIterations { get; init; }

    public Expr? Until { get; init; }

    /// <summary>A loop's or subgraph's outputs: name → the body's source; also what a loop's body reads of the iteration before.</summary>
    public Dictionary<string, Source> BodyOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The nodes of a loop's or subgraph's body, or a map's template.</summary>
    public GraphScope? Body { get; set; }

    public override string ToString() => Path;
}

/// <summary>The nodes of the graph, of a body or of a template, in an order where each comes after its upstream.</summary>
public sealed class GraphScope(GraphNode? owner, GraphScope? parent)
{
    public GraphNode? Owner { get; } = owner;

    public GraphScope? Parent { get; } = parent;

    public List<GraphNode> Nodes { get; } = [];

    public Dictionary<string, GraphNode> ById { get; } = new(StringComparer.Ordinal);
}

/// <summary>A graph that passed every check of <see cref="GraphCompiler"/>: its nodes can be planned without surprise.</summary>
public sealed record Graph(string Name, IReadOnlyDictionary<string, MediaType> Inputs, GraphScope Root, bool AbortRunOnNodeFailure, int NodeCount);
