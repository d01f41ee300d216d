using System.Text.Json.Nodes;
using Qonduit.Contracts.Graphs;

namespace Qonduit.Client;

/// <summary>Service graphs (docs/orchestration.md §4): post a graph, run it, follow and cancel its runs.</summary>
public sealed partial class QonduitClient
{
    /// <summary>Checks and stores a graph; a refusal is a <see cref="QonduitApiException"/> with a graph.* code naming node and field.</summary>
    public Task<GraphView> PostGraphAsync(GraphDefinition definition, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/graphs", definition, Json.GraphDefinition, Json.GraphView, cancellationToken);

    public Task<GraphView> GetGraphAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/graphs/{id}", Json.GraphView, cancellationToken);

    /// <summary>Starts a run of the graph with its inputs; the answer lists the nodes already dispatched.</summary>
    public Task<RunView> RunGraphAsync(Guid graphId, JsonObject? inputs = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/graphs/{graphId}/runs", new RunRequest(inputs), Json.RunRequest, Json.RunView, cancellationToken);

    public Task<RunView> GetRunAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/runs/{id}", Json.RunView, cancellationToken);

    /// <summary>The caller's runs, newest first, of one graph or in one status when given.</summary>
    public Task<RunPage> ListRunsAsync(Guid? graphId = null, string? status = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        if (graphId is { } graph) parts.Add("graph=" + graph);
        if (status is not null) parts.Add("status=" + Uri.EscapeDataString(status));
        if (limit is { } size) parts.Add("limit=" + size);
        return SendAsync(HttpMethod.Get, "v1/runs" + (parts.Count > 0 ? "?" + string.Join('&', parts) : ""), Json.RunPage, cancellationToken);
    }

    public Task<RunView> CancelRunAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/runs/{id}/cancel", Json.RunView, cancellationToken);
}
