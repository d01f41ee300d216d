namespace Qonduit.Storage.Sqlite;

internal sealed partial class SqliteWriter
{
    public void InsertGraph(GraphRecord g) => commands.Execute(
        $"INSERT INTO graphs ({GraphRows.GraphColumns}) VALUES (@id, @owner, @name, @definition, @created)",
        ("@id", g.Id.ToString()), ("@owner", g.Owner), ("@name", g.Name), ("@definition", g.Definition), ("@created", Rows.Ticks(g.CreatedAt)));

    public RunRecord? GetRun(Guid id) => commands.Single(GraphRows.GetRunSql, GraphRows.Run, ("@id", id.ToString()));

    public void SaveRun(RunRecord r) => commands.Execute(
        $"INSERT INTO runs ({GraphRows.RunColumns}) VALUES (@id, @graph, @owner, @status, @inputs, @created, @ended) " +
        "ON CONFLICT (id) DO UPDATE SET status = excluded.status, ended_at = excluded.ended_at",
        ("@id", r.Id.ToString()), ("@graph", r.GraphId.ToString()), ("@owner", r.Owner), ("@status", r.Status), ("@inputs", r.Inputs),
        ("@created", Rows.Ticks(r.CreatedAt)), ("@ended", GraphRows.Ticks(r.EndedAt)));

    public IReadOnlyList<RunNodeRecord> RunNodes(Guid runId) => commands.Query(GraphRows.RunNodesSql, GraphRows.Node, ("@run", runId.ToString()));

    public void SaveRunNode(RunNodeRecord n) => commands.Execute(
        $"INSERT OR REPLACE INTO run_nodes ({GraphRows.NodeColumns}) VALUES (@run, @key, @state, @attempt, @task, @due, @started, @ended, " +
        "@outputs, @code, @error, @item, @idx, @count)",
        ("@run", n.RunId.ToString()), ("@key", n.Key), ("@state", n.State), ("@attempt", n.Attempt), ("@task", n.TaskId?.ToString()),
        ("@due", GraphRows.Ticks(n.DueAt)), ("@started", GraphRows.Ticks(n.StartedAt)), ("@ended", GraphRows.Ticks(n.EndedAt)),
        ("@outputs", n.Outputs), ("@code", n.ErrorCode), ("@error", n.Error), ("@item", n.Item), ("@idx", n.Index), ("@count", n.Count));

    public void InsertRunAttempt(RunAttempt a) => commands.Execute(
        $"INSERT INTO run_attempts ({GraphRows.AttemptColumns}) VALUES (@task, @run, @key, @attempt)",
        ("@task", a.TaskId.ToString()), ("@run", a.RunId.ToString()), ("@key", a.Key), ("@attempt", a.Attempt));

    public RunAttempt? AttemptOfTask(Guid taskId) => commands.Single(GraphRows.AttemptOfTaskSql, GraphRows.Attempt, ("@task", taskId.ToString()));
}
