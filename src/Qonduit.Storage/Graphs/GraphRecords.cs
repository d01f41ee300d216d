namespace Qonduit.Storage;

/// <summary>A posted service graph: its definition as posted (JSON), checked when it was posted and again when it is read.</summary>
public sealed record GraphRecord(Guid Id, string Owner, string Name, string Definition, DateTimeOffset CreatedAt);

/// <summary>One run of a graph: what it was given (JSON) and its status (`running`, `succeeded`, `failed`, `cancelled`).</summary>
public sealed record RunRecord(Guid Id, Guid GraphId, string Owner, string Status, string Inputs, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);

/// <summary>
/// One node instance of a run (docs/orchestration.md §4 "Runs"), keyed by its path in the run (`opt[2].fan[17]`): its
/// state, its attempt and that attempt's task, when a retry is due, and what it produced (JSON).
/// </summary>
public sealed record RunNodeRecord(
    Guid RunId,
    string Key,
    string State,
    int Attempt,
    Guid? TaskId,
    DateTimeOffset? DueAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Outputs,
    string? ErrorCode,
    string? Error,
    string? Item,
    int? Index,
    int Count);

/// <summary>The link of a task to the (run, node, attempt) it is an attempt of.</summary>
public sealed record RunAttempt(Guid TaskId, Guid RunId, string Key, int Attempt);

/// <summary>Which runs to list, newest first.</summary>
public sealed record RunQuery(string? Owner = null, Guid? GraphId = null, string? Status = null, int Limit = 100);
