using System.Text.Json.Nodes;

namespace Qonduit.Contracts.Graphs;

/// <summary>A posted graph (`POST /v1/graphs`, `GET /v1/graphs/{id}`): its id, owner and its definition as posted.</summary>
public sealed record GraphView(Guid Id, string Name, string Owner, DateTimeOffset CreatedAt, int Nodes, GraphDefinition Definition);

/// <summary>`POST /v1/graphs/{id}/runs`: a value for each of the graph's inputs (numbers, strings, lists, documents).</summary>
public sealed record RunRequest(JsonObject? Inputs = null);

/// <summary>A run (`GET /v1/runs/{id}`): its status (running, succeeded, failed, cancelled) and every node instance so far.</summary>
public sealed record RunView(Guid Id, Guid GraphId, string Owner, string Status, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, IReadOnlyList<RunNodeView> Nodes);

/// <summary>
/// One node instance of a run, keyed by its path (`opt[2].fan[17]`): state, attempt and its task, when a retry is due,
/// timings, what it produced (numbers, strings and small documents inline; larger ones by reference) and why it failed.
/// </summary>
public sealed record RunNodeView(
    string Key,
    string State,
    int Attempt,
    Guid? TaskId,
    DateTimeOffset? DueAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    JsonObject? Outputs,
    string? ErrorCode,
    string? Error);

/// <summary>A run in a listing (`GET /v1/runs`), without its nodes.</summary>
public sealed record RunSummaryView(Guid Id, Guid GraphId, string Owner, string Status, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);

/// <summary>`GET /v1/runs?graph=&amp;status=&amp;limit=`: the caller's runs (an admin's: all), newest first.</summary>
public sealed record RunPage(IReadOnlyList<RunSummaryView> Items);
