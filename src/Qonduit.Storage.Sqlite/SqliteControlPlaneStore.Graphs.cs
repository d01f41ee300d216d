namespace Qonduit.Storage.Sqlite;

public sealed partial class SqliteControlPlaneStore
{
    public GraphRecord? GetGraph(Guid id) =>
        Read(c => c.Single($"SELECT {GraphRows.GraphColumns} FROM graphs WHERE id = @id", GraphRows.Graph, ("@id", id.ToString())));

    public IReadOnlyList<GraphRecord> ListGraphs(string? owner, int limit) => Read(c => c.Query(
        $"SELECT {GraphRows.GraphColumns} FROM graphs WHERE @owner IS NULL OR owner = @owner ORDER BY created_at DESC, id LIMIT @limit",
        GraphRows.Graph, ("@owner", owner), ("@limit", limit)));

    public RunRecord? GetRun(Guid id) => Read(c => c.Single(GraphRows.GetRunSql, GraphRows.Run, ("@id", id.ToString())));

    public IReadOnlyList<RunRecord> ListRuns(RunQuery query) => Read(c => c.Query(
        $"SELECT {GraphRows.RunColumns} FROM runs WHERE (@owner IS NULL OR owner = @owner) AND (@graph IS NULL OR graph_id = @graph) " +
        "AND (@status IS NULL OR status = @status) ORDER BY created_at DESC, id LIMIT @limit",
        GraphRows.Run, ("@owner", query.Owner), ("@graph", query.GraphId?.ToString()), ("@status", query.Status), ("@limit", query.Limit)));

    public IReadOnlyList<RunNodeRecord> RunNodes(Guid runId) => Read(c => c.Query(GraphRows.RunNodesSql, GraphRows.Node, ("@run", runId.ToString())));

    public RunAttempt? AttemptOfTask(Guid taskId) => Read(c => c.Single(GraphRows.AttemptOfTaskSql, GraphRows.Attempt, ("@task", taskId.ToString())));
}
