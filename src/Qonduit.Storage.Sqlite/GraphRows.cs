using Microsoft.Data.Sqlite;

namespace Qonduit.Storage.Sqlite;

/// <summary>Columns and mappings of the service-graph tables (schema 15), shared by the writer and the readers.</summary>
internal static class GraphRows
{
    public const string GraphColumns = "id, owner, name, definition, created_at";
    public const string RunColumns = "id, graph_id, owner, status, inputs, created_at, ended_at";
    public const string NodeColumns = "run_id, key, state, attempt, task_id, due_at, started_at, ended_at, outputs, error_code, error, item, idx, count";
    public const string AttemptColumns = "task_id, run_id, key, attempt";

    public const string RunNodesSql = $"SELECT {NodeColumns} FROM run_nodes WHERE run_id = @run ORDER BY key";
    public const string GetRunSql = $"SELECT {RunColumns} FROM runs WHERE id = @id";
    public const string AttemptOfTaskSql = $"SELECT {AttemptColumns} FROM run_attempts WHERE task_id = @task";

    public static GraphRecord Graph(SqliteDataReader r) => new(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), Rows.Time(r.GetInt64(4)));

    public static RunRecord Run(SqliteDataReader r) => new(
        Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), Rows.Time(r.GetInt64(5)), OptionalTime(r, 6));

    public static RunNodeRecord Node(SqliteDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetInt32(3), r.IsDBNull(4) ? null : Guid.Parse(r.GetString(4)),
        OptionalTime(r, 5), OptionalTime(r, 6), OptionalTime(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11),
        r.IsDBNull(12) ? null : r.GetInt32(12), r.GetInt32(13));

    public static RunAttempt Attempt(SqliteDataReader r) => new(Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetInt32(3));

    private static DateTimeOffset? OptionalTime(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Rows.Time(r.GetInt64(i));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static object? Ticks(DateTimeOffset? time) => time is { } t ? Rows.Ticks(t) : null;
}
