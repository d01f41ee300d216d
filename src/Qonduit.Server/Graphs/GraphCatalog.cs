using Qonduit.Server.Problems;
using System.Collections.Concurrent;
using System.Text.Json;
using Qonduit.Contracts;
using Qonduit.Contracts.Graphs;
using Qonduit.Graphs.Definition;

namespace Qonduit.Server.Graphs;

/// <summary>
/// Posted graphs, checked once: a graph is immutable once stored, so its compiled form is kept by id and every run of it
/// plans from the same object.
/// </summary>
public sealed class GraphCatalog(IControlPlaneStore store)
{
    private readonly ConcurrentDictionary<Guid, Graph> _compiled = new();

    /// <summary>Checks a definition; a refusal carries the graph.* code and where it found the problem.</summary>
    public static Graph Check(GraphDefinition definition)
    {
        try
        {
            return GraphCompiler.Compile(definition);
        }
        catch (GraphException e)
        {
            throw ControlPlaneException.BadRequest(e.Code, $"{e.Where}: {e.Reason}", Origins.Admission);
        }
    }

    public Graph Compiled(GraphRecord record) => _compiled.GetOrAdd(record.Id, _ => GraphCompiler.Compile(Definition(record)));

    public static GraphDefinition Definition(GraphRecord record) =>
        JsonSerializer.Deserialize(record.Definition, WireJson.Default.GraphDefinition) ?? throw new InvalidDataException($"graph {record.Id} holds no definition");

    /// <summary>The graph as <paramref name="caller"/> may see it: its owner's or, for an admin, any.</summary>
    public GraphRecord Visible(Guid id, Auth.Caller caller) =>
        store.GetGraph(id) is { } graph && caller.CanSee(graph.Owner)
            ? graph
            : throw ControlPlaneException.NotFound(ErrorCodes.Graph.NotFound, $"no graph {id}");
}
